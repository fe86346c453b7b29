"""The fields the suite fills in a new-employee template; the PBX's own values stay as sent.

Both API generations name these fields alike (`getRecord` and `employees:getDefault`).
"""

from __future__ import annotations

from typing import Any

from data.people import Person


def filled_template(template: dict[str, Any], person: Person, number: str, mobile: str) -> dict:
    """A copy of the template with the person, the numbers and forwarding to the mobile."""
    form = dict(template)
    form.update(
        number=number,
        user_username=person.username,
        user_email=person.email,
        mobile_number=mobile,
        fwd_forwarding=mobile,
        fwd_forwardingonbusy=mobile,
    )
    return form
