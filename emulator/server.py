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
    def _write_with_headers(self, data: bytes) -> None:
        """Send the status line, headers and body in one write (gevent sends them in two).

        One packet instead of two halves the syscalls per answer; TCP_NODELAY stays
        on for the answers that are still written in pieces (chunked ones).
        """
        self.headers_sent = True
        self.finalize_headers()
        head = bytearray(b"HTTP/1.1 ")
        head += self.status
        head += b"\r\n"
        for header, value in self.response_headers:
            head += header
            head += b": "
            head += value
            head += b"\r\n"
        head += b"\r\n"
        if self.response_use_chunked or not data:
            self._sendall(head)
            self._write(data)
        else:
            head += data
            self._sendall(head)

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
