"""The v3 processors (EmployeesManagementProcessor, ExtensionsManagementProcessor).

An action is named like its route: `employees:getDefault` for a custom method,
`employees.create` for a CRUD operation. `job()` gives what a backend worker runs:
a callable answering an Outcome; a save also has a `begin` step (see v3_saves).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from emulator.actions import Outcome
from emulator.deleting import delete_user
from emulator.dialect import UTILS
from emulator.dropdowns import available, for_select
from emulator.envelope import ApiResult
from emulator.php import empty
from emulator.store import Store
from emulator.v3_batch import batch_create
from emulator.v3_envelope import LIB
from emulator.v3_list import employee_list
from emulator.v3_records import employee, new_employee
from emulator.v3_saves import SaveJob
from emulator.v3_updates import PatchJob, UpdateJob

EMPLOYEES = LIB + "Employees\\"
EXTENSIONS = LIB + "ExtensionsManagementProcessor::callBack"
Job = Callable[[], Outcome]


def job(action: str, store: Store, data: dict[str, Any]) -> Job:
    if action in _SAVES:
        cls, function = _SAVES[action]
        return cls(store, data, function)
    return partial(_HANDLERS[action], store, data)


def _get_default(store: Store, data: dict[str, Any]) -> Outcome:
    processor = EMPLOYEES + "GetDefaultAction::main"
    return Outcome(ApiResult("getDefault", processor, True, new_employee(store)))


def _get_record(store: Store, data: dict[str, Any]) -> Outcome:
    res = ApiResult("getRecord", EMPLOYEES + "GetRecordAction::main")
    user_id = data.get("id")
    if empty(user_id):
        return Outcome(res.error("User ID is required"))
    found = employee(store, str(user_id))
    if found is None:
        return Outcome(res.error(f"Employee with user_id {user_id} not found"))
    res.result, res.data = True, found
    return Outcome(res)


def _get_list(store: Store, data: dict[str, Any]) -> Outcome:
    rows = employee_list(store.conn, data)
    return Outcome(ApiResult("getList", EMPLOYEES + "GetListAction::main", True, rows))


def _delete(store: Store, data: dict[str, Any]) -> Outcome:
    res = ApiResult("delete", EMPLOYEES + "DeleteRecordAction::main")
    user_id = str(data.get("id") or "")
    if not user_id.isdigit():
        return Outcome(res.error("Invalid employee ID"))
    deleted = delete_user(store, user_id)
    if not deleted.found:
        return Outcome(res.error(f"Employee not found (ID: {user_id})"))
    if deleted.messages:
        res.messages = {"error": deleted.messages}
        return Outcome(res)
    res.result, res.data = True, {"deleted_id": user_id}
    return Outcome(res)


def _available(store: Store, data: dict[str, Any]) -> Outcome:
    number = data.get("number")
    if empty(number) or not isinstance(number, str):
        res = ApiResult("available", EXTENSIONS)
        return Outcome(res.error("Empty number value in POST/GET data"))
    return Outcome(ApiResult("available", UTILS, True, available(store.conn, number)))


def _get_for_select(store: Store, data: dict[str, Any]) -> Outcome:
    """The phonebook's numbers, as legacy getForSelect lists them (type defaults to all)."""
    kind = data.get("type") if isinstance(data.get("type"), str) else "all"
    return Outcome(ApiResult("getForSelect", UTILS, True, for_select(store.conn, kind or "all")))


_SAVES: dict[str, tuple[type[SaveJob], str]] = {
    "employees.create": (SaveJob, "create"),
    "employees.update": (UpdateJob, "update"),
    "employees.patch": (PatchJob, "patch"),
}
_HANDLERS: dict[str, Callable[[Store, dict[str, Any]], Outcome]] = {
    "employees:getDefault": _get_default,
    "employees.getRecord": _get_record,
    "employees.getList": _get_list,
    "employees.delete": _delete,
    "employees:batchCreate": batch_create,
    "extensions:available": _available,
    "extensions:getForSelect": _get_for_select,
}
ACTIONS = frozenset(_SAVES) | frozenset(_HANDLERS)
