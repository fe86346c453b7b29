"""Progress without a dependency: a bar redrawn in place on a terminal, plain lines elsewhere."""

from __future__ import annotations

import sys
from typing import TextIO

WIDTH = 30
PLAIN_STEPS = 10
"""Off a terminal (a CI log), one line per tenth of the work."""


class Progress:
    def __init__(self, total: int, stream: TextIO | None = None) -> None:
        self.total = total
        self.done = 0
        self.stream = stream or sys.stdout
        self.tty = self.stream.isatty()
        self._shown_step = 0
        self._status = ""

    def note(self, line: str) -> None:
        """A line of its own, above the bar."""
        self._clear()
        self.stream.write(line + "\n")
        if self.tty:
            self._draw()

    def advance(self, status: str) -> None:
        self.done += 1
        self._status = status
        self._draw()

    def close(self) -> None:
        self._clear()
        self.stream.flush()

    def _draw(self) -> None:
        status = self._status
        if self.tty:
            filled = WIDTH * self.done // max(self.total, 1)
            bar = "#" * filled + "-" * (WIDTH - filled)
            self.stream.write(f"\r[{bar}] {self.done}/{self.total} {status}")
            self.stream.flush()
            return
        step = PLAIN_STEPS * self.done // max(self.total, 1)
        if step > self._shown_step:
            self._shown_step = step
            self.stream.write(f"progress: {self.done}/{self.total} {status}\n")
            self.stream.flush()

    def _clear(self) -> None:
        if self.tty:
            self.stream.write("\r\033[K")
