"""A small client of the legacy API for the emulator's tests (real HTTP, keep-alive)."""

from __future__ import annotations

from typing import Any

import requests

from emulator.process import EmulatorProcess


class Api:
    def __init__(self, emu: EmulatorProcess) -> None:
        self.emu = emu
        self.base = emu.url + "/pbxcore/api/extensions/"
        self.http = requests.Session()

    def get(self, action: str, **params: Any) -> requests.Response:
        return self.http.get(self.base + action, params=params, timeout=30)

    def post(self, action: str, **form: Any) -> requests.Response:
        return self.http.post(self.base + action, data=form, timeout=30)

    def template(self) -> dict[str, Any]:
        answer = self.get("getRecord", id="").json()
        assert answer["result"] is True
        return answer["data"]

    def save(self, **fields: Any) -> dict[str, Any]:
        """A fresh template with `fields` over it, saved; the parsed answer."""
        return self.post("saveRecord", **{**self.template(), **fields}).json()

    def create(self, **fields: Any) -> dict[str, Any]:
        """Like save(), but the save must succeed; returns the saved record."""
        answer = self.save(**fields)
        assert answer["result"] is True, answer
        return answer["data"]
