"""Headless Chromium driven over its DevTools protocol, for tests that use a page as a person.

Debian's `chromium` is all it needs: the protocol's WebSocket is spoken with
websocket-client, which Locust already installs, so no driver binary and no browser
download. Typing goes through Chromium's own input events, so React sees real edits.
"""

from __future__ import annotations

import base64
import itertools
import json
import subprocess
import time
import urllib.request
from pathlib import Path
from typing import Any

import websocket

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--remote-debugging-address=127.0.0.1",
    "--remote-debugging-port=0",
    "--window-size=1400,1100",
)


class BrowserError(AssertionError):
    """A page script failed, or a wait ran out: the test fails with what was awaited."""


class Browser:
    """One Chromium with one page; `with Browser.start(folder) as page: ...`."""

    def __init__(self, process: subprocess.Popen, socket: websocket.WebSocket) -> None:
        self.process = process
        self.socket = socket
        self._ids = itertools.count(1)

    @classmethod
    def start(cls, folder: Path, timeout: float = 20) -> Browser:
        """Start Chromium on a new empty profile in `folder` and connect to its page."""
        profile = folder / "chromium-profile"
        profile.mkdir(parents=True)
        log = open(folder / "chromium.log", "wb")  # noqa: SIM115 (the child writes it)
        process = subprocess.Popen(
            [str(CHROMIUM), *FLAGS, f"--user-data-dir={profile}", "about:blank"],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            port = _devtools_port(profile / "DevToolsActivePort", timeout)
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=5) as answer:
                pages = [t for t in json.load(answer) if t["type"] == "page"]
            socket = websocket.create_connection(
                pages[0]["webSocketDebuggerUrl"], timeout=timeout, suppress_origin=True
            )
        except BaseException:
            process.kill()
            raise
        return cls(process, socket)

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *_: object) -> None:
        self.socket.close()
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        """One protocol command; the events that arrive meanwhile are not needed."""
        command_id = next(self._ids)
        self.socket.send(json.dumps({"id": command_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == command_id:
                if "error" in message:
                    raise BrowserError(f"{method}: {message['error']}")
                return message["result"]

    def open(self, url: str) -> None:
        self.call("Page.navigate", url=url)
        self.wait_for("document.readyState === 'complete'", f"the page {url}")

    def js(self, expression: str) -> Any:
        """The value of a script run in the page."""
        result = self.call(
            "Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True
        )
        if "exceptionDetails" in result:
            raise BrowserError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for(self, expression: str, what: str, timeout: float = 20) -> Any:
        """Poll a script until its value is truthy; fail naming `what` after `timeout` s."""
        deadline = time.monotonic() + timeout
        while not (value := self.js(expression)):
            if time.monotonic() > deadline:
                raise BrowserError(f"waited {timeout} s for {what}")
            time.sleep(0.2)
        return value

    def type_into(self, selector: str, text: str) -> None:
        """Select what a field holds and type `text` over it, as a person would."""
        self.wait_for(f"!!document.querySelector({json.dumps(selector)})", selector)
        self.js(
            f"(e => {{ e.focus(); e.select(); }})(document.querySelector({json.dumps(selector)}))"
        )
        self.call("Input.insertText", text=text)

    def click(self, selector: str) -> None:
        self.wait_for(f"!!document.querySelector({json.dumps(selector)})", selector)
        self.js(f"document.querySelector({json.dumps(selector)}).click()")

    def click_text(self, selector: str, text: str) -> None:
        """Click the element of `selector` whose text is `text`, ignoring case (MUI capitalises)."""
        find = (
            f"[...document.querySelectorAll({json.dumps(selector)})]"
            f".find(e => e.innerText.trim().toLowerCase() === {json.dumps(text.lower())})"
        )
        self.wait_for(f"!!{find}", f"{selector} {text!r}")
        self.js(f"{find}.click()")

    def choose(self, selector: str, value: str) -> None:
        """Pick an option of a select, as its change event tells the page."""
        self.wait_for(f"!!document.querySelector({json.dumps(selector)})", selector)
        self.js(
            f"(s => {{ s.value = {json.dumps(value)}; "
            "s.dispatchEvent(new Event('change', {bubbles: true})); })"
            f"(document.querySelector({json.dumps(selector)}))"
        )

    def screenshot(self, path: Path) -> Path:
        image = self.call("Page.captureScreenshot", format="png", captureBeyondViewport=True)
        path.write_bytes(base64.b64decode(image["data"]))
        return path


def _devtools_port(marker: Path, timeout: float) -> int:
    """Chromium writes the port it chose into its profile once it listens."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if marker.exists() and (lines := marker.read_text().splitlines()):
            return int(lines[0])
        time.sleep(0.1)
    raise BrowserError(f"Chromium did not start in {timeout} s")
