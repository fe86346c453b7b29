"""The tools' client of the legacy API: list numbers, read one employee, find by mobile, delete."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import requests

from pbx import legacy
from pbx.auth import Credentials
from pbx.client import Employee, PbxError
from pbx.id_scan import IdScan
from pbx.outcome import first_message
from pbx.transport import envelope, login_hint, send

MAX_INTERNAL_DIGITS = 8
"""Internal numbers have at most 8 digits: a longer number in the phonebook is a mobile."""


class LegacyClient:
    """`/pbxcore/api/extensions/{action}` with one signed-in session; ids are m_Extensions.id."""

    api = legacy.API_NAME

    def __init__(self, session: requests.Session, host: str, credentials: Credentials) -> None:
        self.session = session
        self.host = host
        self._credentials = credentials

    def mobiles(self) -> set[str]:
        listing = self._result("GET", "getForSelect", {"type": "all"})
        return {
            number
            for number in legacy.extension_numbers(listing)
            if len(number) > MAX_INTERNAL_DIGITS and number.isdigit()
        }

    def employee(self, extension_id: str) -> Employee | None:
        data = self._result("GET", "getRecord", {"id": extension_id})
        # An id that is no employee's gets a new-employee template, which has no id.
        if not isinstance(data, dict) or not data.get("id"):
            return None
        return Employee(
            extension_id=str(data["id"]),
            user_id=str(data.get("user_id") or ""),
            number=str(data.get("number") or ""),
            username=str(data.get("user_username") or ""),
            email=str(data.get("user_email") or ""),
            mobile=str(data.get("mobile_number") or ""),
        )

    def find_by_mobile(self, mobiles: set[str], near: Iterable[str]) -> dict[str, Employee]:
        """Read ids around the run's until every mobile's employee is found (see IdScan)."""
        found: dict[str, Employee] = {}
        # Each employee takes two ids: all sought ones may lie just outside the run's span.
        scan = IdScan([int(i) for i in near if str(i).isdigit()], margin=2 * len(mobiles) + 16)
        for ext_id in scan:
            if len(found) == len(mobiles):
                break
            employee = self.employee(str(ext_id))
            scan.record(ext_id, employee is not None)
            if employee is not None and employee.mobile in mobiles:
                found[employee.mobile] = employee
        return found

    def delete(self, employee: Employee) -> None:
        answer = self._call("POST", "deleteRecord", {"id": employee.extension_id})
        message = first_message(answer.get("messages"))
        # "does not exist" after a retried 500: the first attempt deleted it.
        if answer.get("result") is not True and "does not exist" not in message:
            raise PbxError(f"deleteRecord of id {employee.extension_id} refused: {message}")

    def _result(self, method: str, action: str, params: dict[str, str]) -> Any:
        answer = self._call(method, action, params)
        if answer.get("result") is not True:
            message = first_message(answer.get("messages")) or "no message"
            raise PbxError(f"{action} at {self.host} answered result:false: {message}")
        return answer.get("data")

    def _call(self, method: str, action: str, params: dict[str, str]) -> dict[str, Any]:
        url = f"{self.host}{legacy.BASE}/{action}"
        where = "params" if method == "GET" else "data"
        response = send(self.session, method, url, self.host, **{where: params})
        status = response.status_code
        if status == 401:
            raise PbxError(login_hint(self.host, self._credentials.has_login))
        if status == 403:
            raise PbxError(f"the PBX at {self.host} does not let this login call {action}")
        if status == 404:
            raise PbxError(
                f"no legacy MikoPBX API at {self.host} ({action}: HTTP 404): a wrong --host, "
                "or a PBX of 2026.1 or later: give --api v3"
            )
        if status != 200:
            raise PbxError(f"{action} at {self.host} answered HTTP {status}")
        return envelope(response, url)
