"""The legacy processor (ExtensionsManagementProcessor::callBack): action name -> result.

This is what runs inside a backend worker. It knows nothing of HTTP; the blueprint
wraps its result in the envelope, the model decides when it runs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from emulator.deleting import delete
from emulator.dialect import DISPATCHER, PROCESSOR, UTILS
from emulator.dropdowns import available, for_select
from emulator.envelope import ApiResult
from emulator.php import FormValue, PhpError, empty, whoops
from emulator.saving import Saved, save
from emulator.store import Store

EMPTY_NUMBER = "Empty number value in POST/GET data"


@dataclass
class Outcome:
    """A worker's answer, plus the employee a save created (for the emulator's stats)."""

    result: ApiResult
    created: Saved | None = None
    batch: list[Saved] = field(default_factory=list)
    """v3 batchCreate: every employee the job saved."""

    def saves(self) -> list[Saved]:
        return ([self.created] if self.created is not None else []) + self.batch


Fields = dict[str, FormValue]


def process(store: Store, action: str, data: Fields) -> Outcome:
    handler = _HANDLERS.get(action)
    try:
        if handler is None:
            unknown = ApiResult(action, DISPATCHER)
            return Outcome(unknown.error(f"Unknown action - {action} in {PROCESSOR}"))
        return handler(store, data)
    except PhpError as exc:
        # The worker catches the exception; the action's own result is lost.
        return Outcome(ApiResult("", PROCESSOR).error(str(exc)))


def _get_record(store: Store, data: Fields) -> Outcome:
    ext_id = _text(data, "id", "", "GetRecord")
    record = (store.record(ext_id) if ext_id else None) or store.build({})
    res = ApiResult("getRecord", store.dialect.processor("GetRecord"), True, record)
    return Outcome(res)


def _save_record(store: Store, data: Fields) -> Outcome:
    if empty(data.get("number")):
        return Outcome(ApiResult("saveRecord", DISPATCHER).error(EMPTY_NUMBER))
    processor = store.dialect.processor("SaveRecord")
    saved = save(store, data)
    if saved.error is not None:
        return Outcome(ApiResult("saveRecord", processor).error(saved.error))
    record = store.record(str(saved.ext_id))
    return Outcome(ApiResult("saveRecord", processor, True, record or []), saved)


def _delete_record(store: Store, data: Fields) -> Outcome:
    if empty(data.get("id")):
        return Outcome(ApiResult("deleteRecord", DISPATCHER).error(store.dialect.empty_id_message))
    ext_id = _text(data, "id", "", "DeleteRecord")
    res = ApiResult("deleteRecord", store.dialect.processor("DeleteRecord"), True)
    deleted = delete(store, ext_id)
    if not deleted.found:
        return Outcome(res.error(f"Extension with id {ext_id} does not exist"))
    res.data = {"id": ext_id}
    if deleted.messages:
        res.error("\n".join(deleted.messages))
    return Outcome(res)


def _get_for_select(store: Store, data: Fields) -> Outcome:
    kind = _text(data, "type", "all", "Dropdowns", "getForSelect")
    processor = store.dialect.processor("Dropdowns", "getForSelect")
    return Outcome(ApiResult("getForSelect", processor, True, for_select(store.conn, kind)))


def _available(store: Store, data: Fields) -> Outcome:
    if empty(data.get("number")):
        return Outcome(ApiResult("available", DISPATCHER).error(EMPTY_NUMBER))
    number = _text(data, "number", "", "Utils", "ifNumberAvailable")
    return Outcome(ApiResult("available", UTILS, True, available(store.conn, number)))


def _text(data: Fields, key: str, default: str, action_class: str, method: str = "main") -> str:
    """A string argument; PHP 8 throws a TypeError when a request array is passed instead."""
    value: Any = data.get(key, default)
    if isinstance(value, list):
        suffix = "" if action_class == "Utils" else "Action"
        name = f"MikoPBX\\PBXCoreREST\\Lib\\Extensions\\{action_class}{suffix}::{method}()"
        where = "/usr/www/src/PBXCoreREST/Lib/ExtensionsManagementProcessor.php:56"
        message = f"{name}: Argument #1 (${key}) must be of type string, array given"
        raise PhpError(whoops("TypeError", message, where, [f"{PROCESSOR}::callBack() {where}"]))
    return value


_HANDLERS: dict[str, Callable[[Store, Fields], Outcome]] = {
    "getRecord": _get_record,
    "saveRecord": _save_record,
    "deleteRecord": _delete_record,
    "getForSelect": _get_for_select,
    "available": _available,
}
