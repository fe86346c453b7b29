"""gevent's WSGI server, fixed for keep-alive clients and able to drop a connection.

gevent's server writes a response's headers and body in two sends. On a kept-alive
connection Nagle's algorithm then holds the second send until the client's delayed
ACK arrives: about 40 ms added to every request after the first. TCP_NODELAY on
each accepted socket removes that wait.
"""

from __future__ import annotations

import socket
from typing import Any

from gevent.pywsgi import WSGIHandler, WSGIServer

from emulator.legacy_api import DROP


class _Handler(WSGIHandler):
    def process_result(self) -> None:
        if self.environ.get(DROP):
            # Write nothing and close: the client sees the connection end without an answer.
            self.close_connection = True
            return
        super().process_result()


class EmulatorServer(WSGIServer):
    handler_class = _Handler

    def __init__(self, address: tuple[str, int], app: Any) -> None:
        # No access log: at thousands of requests per second it costs more than the app.
        super().__init__(address, app, log=None)

    def handle(self, sock: socket.socket, address: Any) -> None:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().handle(sock, address)

    @property
    def url(self) -> str:
        host = self.server_host
        if ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{self.server_port}"
