"""v3 update and patch (UpdateRecordAction, PatchRecordAction) and the merge they share.

PUT is a full save of an existing employee. PATCH merges the request over the
stored employee first; batchCreate merges each record over a fresh template the
same way.
"""

from __future__ import annotations

from typing import Any

from emulator.actions import Outcome
from emulator.envelope import ApiResult
from emulator.php import empty
from emulator.v3_envelope import LIB
from emulator.v3_records import employee
from emulator.v3_saves import SaveJob, check

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
