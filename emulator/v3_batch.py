"""POST /pbxcore/api/v3/employees:batchCreate (Employees\\BatchCreateAction).

Each record is laid over a fresh getDefault template (so a record without a number
takes the next free one), cleaned by the older SaveEmployeeAction rules (names and
e-mails cut to 32 characters, numbers not reduced to digits), checked and saved.
Without skip_errors the batch stops at the first record that fails. Saves that
fail in the model report the model's message as plain text.
"""

from __future__ import annotations

from typing import Any

from emulator.actions import Outcome
from emulator.envelope import ApiResult
from emulator.php import empty
from emulator.store import Store
from emulator.v3_envelope import LIB
from emulator.v3_records import new_employee
from emulator.v3_sanitise import RULES, Refused, sanitise
from emulator.v3_saves import write
from emulator.v3_updates import overlay
from emulator.v3_validation import batch_errors

BATCH = LIB + "Employees\\BatchCreateAction::main"
MAX_BATCH = 20
_ROUTING = "[0-9]{1,20}|hangup|busy|did2user|voicemail"
BATCH_RULES: dict[str, tuple[str, int | None, str | None]] = {
    "id": ("int", None, None),
    "user_username": ("text", 32, None),
    "user_email": ("string", 32, None),
    "user_avatar": ("string", None, None),
    "number": ("string", 64, None),
    "sip_secret": ("string", 64, None),
    "sip_networkfilterid": ("string", 64, None),
    "sip_enableRecording": ("bool", None, None),
    "sip_dtmfmode": ("string", 20, None),
    "sip_transport": ("string", 20, None),
    "sip_manualattributes": ("string", 1024, None),
    "mobile_number": ("string", 64, None),
    "mobile_dialstring": ("string", 64, None),
    "fwd_ringlength": ("int", None, None),
    **{key: ("routing", 64, _ROUTING) for key in RULES if key.startswith("fwd_forwarding")},
}


def batch_create(store: Store, data: dict[str, Any]) -> Outcome:
    res = ApiResult("batchCreate", BATCH)
    employees, mode = data.get("employees"), data.get("mode", "create")
    refusal = _refusal(employees, mode)
    if refusal is not None:
        return Outcome(res.error(refusal))
    assert isinstance(employees, (list, dict))
    items = employees.items() if isinstance(employees, dict) else enumerate(employees)
    outcome = Outcome(res)
    stats: dict[str, Any] = {"total": len(employees), "validated": 0, "created": 0, "failed": 0}
    stats["errors"] = []
    results = []
    for index, record in items:
        results.append(_one(store, index, record, mode, outcome))
        if not _tally(stats, results[-1]) and empty(data.get("skip_errors")):
            break
    res.data = {"mode": mode, "results": results, "stats": stats}
    res.result = stats["failed"] == 0 if mode == "validate" else stats["created"] > 0
    _summarise(res, stats)
    return outcome


def _refusal(employees: Any, mode: Any) -> str | None:
    if empty(employees) or not isinstance(employees, (list, dict)):
        return "Employee array is required"
    if mode not in ("validate", "create"):
        return "Invalid mode. Allowed values: validate or create"
    if len(employees) > MAX_BATCH:
        return f"Batch size exceeds maximum of {MAX_BATCH} records. Provided: {len(employees)}"
    return None


def _tally(stats: dict[str, Any], result: dict[str, Any]) -> bool:
    """Count one record's result; False when it failed."""
    status = result["status"]
    stats[_STAT.get(status, "failed")] += 1
    if status in ("created", "create_failed"):
        stats["validated"] += 1  # counted before the save was tried
    if status in _FAILED:
        stats["errors"].append(_FAILED[status].format(result["index"], *result["errors"]))
        return False
    return True


_STAT = {"validated": "validated", "created": "created"}
_FAILED = {
    "validation_failed": "Record {0}: validation error",
    "create_failed": "Record {0}: creation error",
    "error": "Record {0}: {1}",
}


def _one(store: Store, index: Any, record: Any, mode: str, outcome: Outcome) -> dict[str, Any]:
    result: dict[str, Any] = {"index": index, "status": "pending", "data": [], "errors": []}
    try:
        fields = overlay(new_employee(store), record if isinstance(record, dict) else {})
        fields["id"] = ""
        clean = sanitise(fields, BATCH_RULES)
    except Refused as exc:
        return {**result, "status": "error", "errors": [str(exc)]}
    errors = batch_errors(store.conn, clean)
    if errors:
        return {**result, "status": "validation_failed", "errors": errors}
    if mode == "validate":
        return {**result, "status": "validated", "data": clean}
    saved = write(store, {k: v for k, v in clean.items() if k != "id"}, True, "batchCreate")
    if not saved.result.result:
        return {**result, "status": "create_failed", "errors": saved.result.messages["error"]}
    outcome.batch.extend(saved.saves())
    return {**result, "status": "created", "data": saved.result.data}


def _summarise(res: ApiResult, stats: dict[str, Any]) -> None:
    if stats["created"]:
        res.messages["info"] = [f"Successfully created {stats['created']} employees"]
    if stats["failed"]:
        res.messages["warning"] = [f"Failed to process {stats['failed']} records"]
        if stats["errors"]:
            res.messages["error"] = stats["errors"][:5]
