"""A small client of the v3 API for the emulator's tests (real HTTP, keep-alive)."""

from __future__ import annotations

from typing import Any

import requests

from emulator.process import EmulatorProcess

V3 = "/pbxcore/api/v3/"
LIB = "MikoPBX\\PBXCoreREST\\Lib\\"


class V3Api:
    def __init__(self, emu: EmulatorProcess, token: str | None = None) -> None:
        self.emu = emu
        self.base = emu.url + V3
        self.http = requests.Session()
        if token is not None:
            self.http.headers["Authorization"] = f"Bearer {token}"

    def call(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        return self.http.request(method, self.base + path, timeout=30, **kwargs)

    def template(self) -> dict[str, Any]:
        answer = self.call("GET", "employees:getDefault").json()
        assert answer["result"] is True, answer
        return answer["data"]

    def post(self, **fields: Any) -> requests.Response:
        """POST /employees with a fresh template and `fields` over it, as JSON."""
        return self.call("POST", "employees", json={**self.template(), **fields})

    def create(self, **fields: Any) -> dict[str, Any]:
        response = self.post(**fields)
        assert response.status_code == 201, response.text
        return response.json()["data"]

    def errors(self, response: requests.Response) -> Any:
        return response.json()["messages"]["error"]

    def login(self, login: str = "admin", password: str = "admin") -> requests.Response:
        return self.call("POST", "auth:login", json={"login": login, "password": password})
