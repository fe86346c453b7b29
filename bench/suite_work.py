"""The suite's own work per employee, timed in-process without any HTTP.

One template and one save answer are recorded from a live emulator; then each step
does what a user does between its requests: classify the template, draw a person, a
mobile and a number, fill and encode the form, classify the save answer, append
to a ledger.
"""

from __future__ import annotations

import json
import tempfile
import time

import requests

from data import MobilePool, NumberPool, PeopleFactory, parse_locales
from emulator.process import EmulatorProcess
from pbx import legacy
from pbx.form import filled_template
from pbx.outcome import classify
from suite.ledger import Ledger, LedgerRow, utc_now


def recorded_answers() -> tuple[str, str]:
    with EmulatorProcess.start("--no-model") as emulator, requests.Session() as session:
        template = session.get(emulator.url + legacy.TEMPLATE_PATH).text
        form = {**json.loads(template)["data"], "number": "555"}
        saved = session.post(
            emulator.url + legacy.SAVE_PATH,
            data=legacy.save_body(form),
            headers=legacy.SAVE_HEADERS,
        ).text
    return template, saved


def measure(count: int) -> float:
    """Microseconds per employee of the suite's work between two requests."""
    template, saved = recorded_answers()
    people = PeopleFactory(parse_locales("ru_RU,en_US,zh_CN,ja_JP"), seed="bench/0")
    mobiles, pool = MobilePool(1), NumberPool(200, 99_999_999)
    with tempfile.NamedTemporaryFile(suffix=".csv") as file:
        ledger = Ledger(file.name)
        started = time.process_time()
        for index in range(count):
            data = classify(200, template).data
            person = people.person(index)
            mobile, number = mobiles.mobile(index, person.locale), pool.number(index)
            legacy.save_body(filled_template(data, person, number, mobile))
            answer = classify(200, saved).data
            ledger.record(
                LedgerRow(
                    "bench",
                    utc_now(),
                    "legacy",
                    answer["id"],
                    answer["user_id"],
                    number,
                    person.username,
                    person.email,
                    mobile,
                    person.locale,
                )
            )
        elapsed = time.process_time() - started
        ledger.close()
    return elapsed / count * 1e6
