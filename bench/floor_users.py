"""Locust's own floor for the benchmark: users that send precomputed forms and judge nothing.

Loaded with `-f bench/floor_users.py,bench/cpu_probe.py`; each class stops the test
after `FLOOR_EMPLOYEES` saves (environment variable, default 3000).
"""

import itertools
import os

import gevent
from locust import HttpUser, constant
from locust.contrib.fasthttp import FastHttpUser
from locust.exception import StopUser

from bench.forms import precomputed_forms

API = "/pbxcore/api/extensions/"
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
LIMIT = int(os.environ.get("FLOOR_EMPLOYEES", "3000"))
BODIES = precomputed_forms(LIMIT, first_number=2_000_000)
_tickets = itertools.count()
_saved = itertools.count(1)


class FloorFlow:
    """GET a template, POST a precomputed form; quit the runner after LIMIT saves."""

    def create(self) -> None:
        ticket = next(_tickets)
        if ticket >= LIMIT:
            raise StopUser()
        self.client.get(API + "getRecord?id=", name="getRecord")
        self.client.post(API + "saveRecord", data=BODIES[ticket], headers=FORM, name="saveRecord")
        if next(_saved) == LIMIT:
            gevent.spawn(self.environment.runner.quit)

    tasks = [create]  # noqa: RUF012


class FloorHttpUser(FloorFlow, HttpUser):
    wait_time = constant(0)


class FloorFastHttpUser(FloorFlow, FastHttpUser):
    wait_time = constant(0)
