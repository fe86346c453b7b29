"""One console line per employee: who, with which numbers, and what the PBX said.

The line of a failure carries the PBX's `messages` for a `result:false` answer and
the full response text for anything else, as the provisioning script it replaces did.
"""

from __future__ import annotations

import logging

from data.people import Person

log = logging.getLogger("employees")


class EmployeeConsole:
    """Writes employee lines at the chosen level: all, failures or none."""

    def __init__(self, level: str) -> None:
        self.show_created = level == "all"
        self.show_failures = level in ("all", "failures")

    def created(self, number: str, person: Person, mobile: str) -> None:
        if self.show_created:
            log.info(
                "created  %s  %s  %s  mobile %s  [%s]",
                number,
                person.username,
                person.email,
                mobile,
                person.locale,
            )

    def not_created(self, number: str, person: Person, mobile: str, kind: str, detail: str) -> None:
        if self.show_failures:
            log.warning(
                "FAILED   %s  %s  %s  mobile %s  [%s]: %s: %s",
                number,
                person.username,
                person.email,
                mobile,
                person.locale,
                kind,
                detail,
            )

    def no_template(self, request_name: str, kind: str, detail: str) -> None:
        if self.show_failures:
            log.warning("FAILED   %s: %s: %s", request_name, kind, detail)
