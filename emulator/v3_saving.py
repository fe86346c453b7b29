"""Phase 6 of a v3 save: the five tables written in one transaction, like a legacy save.

The v3 fields are laid over the employee's legacy record (or a new one), so both
APIs write the same rows. v3 sets only the fields a request carries, except the
ring length (45 with forwarding, else 0) and the mobile (none given: deleted). The
models' uniqueness check runs inside the write: the loser of a race on a number
fails here even though it passed the pre-checks.
"""

from __future__ import annotations

from typing import Any

from emulator.php import empty
from emulator.records import EXTENSION_SQL, read_record, represent
from emulator.saving import Saved, save_record
from emulator.store import Store
from emulator.template import defaults, uniqid

_TAKEN = "Specified number is already used for - {}"
_COPIED = (
    "user_username",
    "user_email",
    "sip_secret",
    "sip_dtmfmode",
    "sip_transport",
    "sip_networkfilterid",
    "sip_manualattributes",
)


def sip_extension_id(store: Store, user_id: str) -> int | None:
    row = store.conn.execute(
        "SELECT id FROM m_Extensions WHERE type = 'SIP' AND is_general_user_number = '1'"
        " AND userid = ? LIMIT 1",
        (user_id,),
    ).fetchone()
    return None if row is None else int(row[0])


def legacy_record(store: Store, data: dict[str, Any], user_id: str) -> dict[str, Any]:
    """The employee's record as the legacy saver takes it, with the v3 fields over it."""
    ext_id = sip_extension_id(store, user_id) if user_id else None
    row = read_record(store.conn, str(ext_id)) if ext_id is not None else None
    record = _new_record(store, user_id) if row is None else store.build(row)
    if row is not None:  # the legacy view fills an empty dial string in; v3 keeps it empty
        record["mobile_dialstring"] = row["mobile_dialstring"] or ""
    for key in _COPIED:
        if key in data:
            record[key] = data[key]
    record["number"] = data["number"]
    if "sip_enableRecording" in data:
        record["sip_enableRecording"] = "1" if data["sip_enableRecording"] else "0"
    avatar = data.get("user_avatar")
    if avatar is not None and (avatar == "" or avatar.startswith("data:image")):
        record["user_avatar"] = avatar  # a path is the shown URL: the stored avatar stays
    _overlay_forwarding(record, data)
    record["mobile_number"] = "" if empty(data.get("mobile_number")) else data["mobile_number"]
    if "mobile_dialstring" in data:
        record["mobile_dialstring"] = data["mobile_dialstring"]
    return record


def _new_record(store: Store, user_id: str) -> dict[str, Any]:
    record = dict(defaults(store.dialect))
    record.update(user_id=user_id, public_access="1", sip_transport="udp")
    record.update(sip_uniqid=uniqid("SIP-PHONE-"), mobile_uniqid=uniqid("EXTERNAL-"))
    return record


def _overlay_forwarding(record: dict[str, Any], data: dict[str, Any]) -> None:
    for key in ("fwd_forwarding", "fwd_forwardingonbusy", "fwd_forwardingonunavailable"):
        if key in data:
            record[key] = data[key]
    if "fwd_ringlength" in data:
        record["fwd_ringlength"] = data["fwd_ringlength"]
    else:
        record["fwd_ringlength"] = 0 if empty(data.get("fwd_forwarding")) else 45


def commit(store: Store, record: dict[str, Any]) -> Saved:
    """Save `record`; Saved.error is the model's message when a number is taken."""
    user_id = record["user_id"]
    taken = _taken(store, record["number"], user_id, "SIP")
    if taken is not None:
        return Saved(error=f"Failed to save SIP extension: {_TAKEN.format(taken)}")
    mobile = record["mobile_number"]
    if mobile:
        taken = _taken(store, mobile, user_id, "EXTERNAL")
        if taken is None and mobile == record["number"]:
            taken = represent({"number": mobile, "type": "SIP", "userid": 1, **_name(record)})
        if taken is not None:
            return Saved(error=f"Failed to save mobile extension: {_TAKEN.format(taken)}")
    saved = save_record(store, record)
    if saved.error is not None:
        saved.error = f"Failed to delete mobile number: {saved.error}"
    return saved


def _name(record: dict[str, Any]) -> dict[str, str]:
    return {"username": record["user_username"], "callerid": record["user_username"]}


def _taken(store: Store, number: str, user_id: str, kind: str) -> str | None:
    """Extensions::validation: the represent of another row holding `number`."""
    row = store.conn.execute(EXTENSION_SQL + " WHERE e.number = ? LIMIT 1", (number,)).fetchone()
    if row is None:
        return None
    own = row["userid"] is not None and str(row["userid"]) == user_id and row["type"] == kind
    return None if own else represent(row)
