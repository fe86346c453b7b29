"""The tools' client of the v3 API (2026.1+): ids are m_Users.id, as the v3 ledger records them.

The list endpoint gives every employee with number, name, e-mail and mobile, so a run's
unconfirmed employees are found in the list itself, a thousand rows a request.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import requests

from pbx import v3
from pbx.auth import Credentials, sign_in
from pbx.client import Employee, PbxError
from pbx.outcome import first_message
from pbx.transport import envelope, login_hint, send


class V3Client:
    api = v3.API_NAME

    def __init__(self, session: requests.Session, host: str, credentials: Credentials) -> None:
        self.session = session
        self.host = host
        self._credentials = credentials

    def mobiles(self) -> set[str]:
        return {employee.mobile for employee in self.listing() if employee.mobile}

    def listing(self) -> list[Employee]:
        """Every employee, page by page."""
        employees: list[Employee] = []
        while True:
            data = self._data("GET", v3.list_page_path(len(employees)))
            rows, total = v3.page_rows(data)
            employees += [_employee(row, row.get("mobile")) for row in rows]
            if not rows or len(employees) >= total:
                return employees

    def employee(self, extension_id: str) -> Employee | None:
        answer = self._call("GET", f"{v3.LIST_PATH}/{extension_id}")
        data = answer.get("data")
        if answer.get("result") is not True or not isinstance(data, dict):
            return None  # "Employee with user_id N not found"
        return _employee(data, data.get("mobile_number"))

    def find_by_mobile(self, mobiles: set[str], near: Iterable[str]) -> dict[str, Employee]:
        return {e.mobile: e for e in self.listing() if e.mobile in mobiles}

    def delete(self, employee: Employee) -> None:
        answer = self._call("DELETE", f"{v3.LIST_PATH}/{employee.extension_id}")
        message = first_message(answer.get("messages"))
        # "not found" after a retried 5xx: the first attempt deleted it.
        if answer.get("result") is not True and "not found" not in message:
            raise PbxError(f"delete of employee {employee.extension_id} refused: {message}")

    def _data(self, method: str, path: str) -> Any:
        answer = self._call(method, path)
        if answer.get("result") is not True:
            message = first_message(answer.get("messages")) or "no message"
            raise PbxError(f"{path} at {self.host} answered result:false: {message}")
        return answer.get("data")

    def _call(self, method: str, path: str, relogged: bool = False) -> dict[str, Any]:
        url = self.host + path
        response = send(self.session, method, url, self.host)
        if response.status_code == 401 and self._credentials.has_login and not relogged:
            # An access token lives 15 minutes: a long cleanup outlives it.
            sign_in(self.session, self.host, self._credentials, self.api)
            return self._call(method, path, relogged=True)
        if response.status_code == 401:
            raise PbxError(login_hint(self.host, self._credentials.has_login))
        if response.status_code == 429:
            raise PbxError(
                f"the PBX at {self.host} rate-limits this address (HTTP 429): turn the limit "
                "off on a test PBX (PBX_RATE_LIMIT_ENABLED=0) and wait for the block to end"
            )
        try:
            return envelope(response, url)
        except PbxError:
            if response.status_code != 404:
                raise
        raise PbxError(
            f"no v3 MikoPBX API at {self.host} (HTTP 404): a wrong --host, or a PBX "
            "older than 2026.1: give --api legacy"
        )


def _employee(data: dict[str, Any], mobile: Any) -> Employee:
    return Employee(
        extension_id=str(data.get("id") or ""),
        user_id=str(data.get("id") or ""),
        number=str(data.get("number") or ""),
        username=str(data.get("user_username") or ""),
        email=str(data.get("user_email") or ""),
        mobile=str(mobile or ""),
    )
