"""v3 create, update and patch (Employees\\SaveRecordAction and PatchRecordAction).

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
CLEARABLE = frozenset(
    {
        "user_email",
        "user_avatar",
        "mobile_number",
        "mobile_dialstring",
        "sip_manualattributes",
        "fwd_forwarding",
        "fwd_forwardingonbusy",
        "fwd_forwardingonunavailable",
    }
)
RELATED = {"mobile_number": "mobile_dialstring", "fwd_forwarding": "fwd_ringlength"}


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
    try:
        clean = sanitise(data)
    except Refused as exc:
        return Outcome(res.error(str(exc)))
    if data.get("id") is not None:
        clean["id"] = data["id"]
    creating = empty(clean.get("id"))
    missing = required_errors(clean, creating)
    if missing:
        res.messages = {"error": missing}
        return Outcome(res)
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


class PatchJob(SaveJob):
    """PATCH: the stored employee with the request's fields merged over it, then saved."""

    def begin(self) -> None:
        res = ApiResult(self.function, "")
        user_id = self.data.get("id")
        if empty(user_id):
            self._checked = Outcome(res.error("Employee ID is required for patch operation"))
            return
        existing = employee(self.store, str(user_id))
        if existing is None:
            res.http_code = 404
            message = f"Employee not found for patch operation (ID: {user_id})"
            self._checked = Outcome(res.error(message))
            return
        self._checked = check(self.store, merge(existing, self.data), self.function)


def merge(existing: dict[str, Any], patch: dict[str, Any]) -> dict[str, Any]:
    """PatchRecordAction::intelligentMerge."""
    merged = overlay(existing, patch)
    if not empty(patch.get("fwd_forwarding")) and "fwd_ringlength" not in patch:
        merged["fwd_ringlength"] = 45
    merged["id"] = patch["id"]
    if empty(merged.get("sip_transport")):
        merged["sip_transport"] = "udp,tcp"
    return merged


def overlay(base: dict[str, Any], patch: dict[str, Any]) -> dict[str, Any]:
    """`patch` over `base`: an empty secret keeps the old one; clearing a mobile or a
    forwarding also clears its dial string or ring length unless those are given."""
    merged = dict(base)
    for key, value in patch.items():
        if key == "id" or key.endswith("_represent"):
            continue
        if key == "sip_secret":
            merged[key] = value if not empty(value) else merged.get(key)
        elif key in CLEARABLE:
            merged[key] = value
            related = RELATED.get(key)
            if related and empty(value) and related not in patch:
                merged[related] = ""
        elif value is not None:
            merged[key] = value
    return merged


class UpdateJob(SaveJob):
    """PUT: a full save of an existing employee; the id must be given."""

    def begin(self) -> None:
        if empty(self.data.get("id")):
            res = ApiResult(self.function, LIB + "Common\\AbstractUpdateAction::main")
            res.http_code = 400
            self._checked = Outcome(res.error("Employee ID is required for update"))
            return
        super().begin()
