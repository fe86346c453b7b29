"""What differs between the legacy-API releases the emulator can imitate."""

from __future__ import annotations

from dataclasses import dataclass

_LIB = "MikoPBX\\PBXCoreREST\\Lib\\"
PROCESSOR = _LIB + "ExtensionsManagementProcessor"
"""The processor the worker names when an action throws (its own result is lost)."""
DISPATCHER = PROCESSOR + "::callBack"
"""The processor of answers made before any action runs (empty number, unknown action)."""
UTILS = _LIB + "Extensions\\Utils::ifNumberAvailable"


@dataclass(frozen=True)
class Dialect:
    version: str
    action_suffix: str
    """2024.1 renamed the action classes GetRecord -> GetRecordAction and so on."""
    sip_transport: str
    """Template default of sip_transport: " " in 2023.2, "" from 2024.1."""
    empty_id_message: str
    keep_routing_words: bool
    """From 2024.1 fwd_* values voicemail/busy/hangup are kept, not stripped to digits."""

    def processor(self, action_class: str, method: str = "main") -> str:
        return f"{_LIB}Extensions\\{action_class}{self.action_suffix}::{method}"


DIALECTS = {
    "2023.2": Dialect("2023.2", "", " ", "empty ID in POST/GET data", False),
    "2024.1": Dialect("2024.1", "Action", "", "Empty ID in POST/GET data", True),
}
