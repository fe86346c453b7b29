"""Employees\\SaveRecordAction: where every v3 create, update and patch ends.

A save is a job in two steps. `begin` runs phases 1-5 (sanitise, required fields,
which operation, defaults, schema, business rules) when a backend worker takes the
job; calling the job runs phase 6 (the write) when its service time is over. On the
PBX the pre-checks also run outside the write lock, so two saves of one number can
both pass them, and the second then fails in the model.
"""

from __future__ import annotations

from typing import Any

from emulator.actions import Outcome
from emulator.envelope import ApiResult
from emulator.php import empty
from emulator.store import Store
from emulator.v3_envelope import LIB
from emulator.v3_records import employee
from emulator.v3_sanitise import Refused, sanitise
from emulator.v3_saving import commit, legacy_record
from emulator.v3_validation import business_errors, required_errors, schema_errors, with_defaults

SAVE = LIB + "Employees\\SaveRecordAction::main"


class SaveJob:
    def __init__(self, store: Store, data: dict[str, Any], function: str) -> None:
        self.store, self.data, self.function = store, data, function
        self._checked: Outcome | tuple[dict[str, Any], bool] | None = None

    def begin(self) -> None:
        self._checked = check(self.store, self.data, self.function)

    def __call__(self) -> Outcome:
        if self._checked is None:
            self.begin()
        if isinstance(self._checked, Outcome):
            return self._checked
        assert self._checked is not None
        clean, creating = self._checked
        return write(self.store, clean, creating, self.function)


def check(store: Store, data: dict[str, Any], function: str) -> Outcome | tuple[dict, bool]:
    """Phases 1-5: an Outcome when the save stops, else the clean fields and create-or-not."""
    res = ApiResult(function, SAVE)
    clean = _required(data, res)
    if isinstance(clean, Outcome):
        return clean
    creating = empty(clean.get("id"))
    user_id = "" if creating else str(clean["id"])
    # PUT and PATCH need the employee; a POST with an unknown id creates it with that id.
    put_or_patch = data.get("httpMethod") in ("PUT", "PATCH")
    if not creating and put_or_patch and not _user_exists(store, user_id):
        res.http_code = 404
        return Outcome(res.error("Employee not found"))
    clean = with_defaults(clean) if creating else clean
    errors = schema_errors(clean) or business_errors(store.conn, clean, user_id, creating)
    if errors:
        res.http_code = 422
        res.messages = {"error": errors}
        return Outcome(res)
    return clean, creating


def _required(data: dict[str, Any], res: ApiResult) -> dict[str, Any] | Outcome:
    """Phases 1-2: the sanitised fields (with the id kept), or why the save stops."""
    try:
        clean = sanitise(data)
    except Refused as exc:
        return Outcome(res.error(str(exc)))
    if data.get("id") is not None:
        clean["id"] = data["id"]
    missing = required_errors(clean, empty(clean.get("id")))
    if missing:
        res.messages = {"error": missing}
        return Outcome(res)
    return clean


def write(store: Store, clean: dict[str, Any], creating: bool, function: str) -> Outcome:
    """Phase 6 and the answer: the saved employee, 201 and the page to open when created."""
    res = ApiResult(function, SAVE)
    record = legacy_record(store, clean, "" if creating else str(clean["id"]))
    saved = commit(store, record)
    if saved.error is not None:
        return Outcome(res.error(saved.error))
    user_id = record["user_id"]
    res.result, res.data = True, employee(store, user_id) or []
    res.http_code = 201 if creating else 200
    if creating:
        res.reload = f"extensions/modify/{user_id}"
    return Outcome(res, saved)


def _user_exists(store: Store, user_id: str) -> bool:
    row = store.conn.execute("SELECT 1 FROM m_Users WHERE id = ?", (user_id,)).fetchone()
    return row is not None
