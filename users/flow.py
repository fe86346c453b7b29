"""The loop of one user: fetch a template, fill it, save it, record the outcome.

Written once for both HTTP clients (requests and geventhttpclient): it only uses
what their `catch_response` context managers share.
"""

from __future__ import annotations

from typing import Any, ClassVar

import gevent
from locust.exception import CatchResponseError, StopUser

from pbx.auth import AuthError
from pbx.outcome import RATE_LIMITED, Outcome, classify
from suite.access import DIALECTS, credentials
from suite.pbx_session import session_for
from suite.run import Run, awaited

MAX_BACKOFF_S = 30.0
"""The longest pause of a user the PBX rate-limits; the pause doubles from 1 s up to it."""


class EmployeeFlow:
    """Mixin for an HttpUser or FastHttpUser: the employee-creation task."""

    environment: Any
    client: Any
    _backoff_s = 0.0

    def create_employee(self) -> None:
        """One employee: a fresh template every time, since a reused one re-points its uniqids."""
        run = awaited(self.environment)
        if run is None or not run.take_ticket():
            raise StopUser()
        try:
            self._create(run)
        finally:
            run.attempt_done()

    tasks: ClassVar[list] = [create_employee]
    """Locust collects a mixin's tasks from this list, not from `@task` decorators."""

    def _create(self, run: Run) -> None:
        api = DIALECTS[run.plan.api]
        auth = self._auth(run)
        with self.client.get(
            api.TEMPLATE_PATH, name=api.TEMPLATE_REQUEST, headers=auth, catch_response=True
        ) as response:
            template = self._judge(run, response, api.ENVELOPE_CODES)
        if not template.ok:
            run.refused(api.TEMPLATE_REQUEST, template, None)
            return
        draft = run.draft(template.data)
        if draft is None:
            run.pool_exhausted()
            raise StopUser()
        with self.client.post(
            api.SAVE_PATH,
            data=api.save_body(draft.form),
            name=api.SAVE_REQUEST,
            headers={**api.SAVE_HEADERS, **auth},
            catch_response=True,
        ) as response:
            saved = self._judge(run, response, api.ENVELOPE_CODES)
        if saved.ok:
            run.confirmed(draft, saved.data)
        else:
            run.refused(api.SAVE_REQUEST, saved, draft)

    def _auth(self, run: Run) -> dict[str, str]:
        """This process's sign-in, shared by its users (a worker signs in on first use)."""
        try:
            options = self.environment.parsed_options
            return session_for(self.environment, run.plan.api, credentials(options)).headers()
        except AuthError as error:
            run.cannot_sign_in(str(error))
            raise StopUser() from None

    def _judge(self, run: Run, response: Any, envelope_codes: frozenset[int]) -> Outcome:
        """Judge an answer; after the rate limiter's, pause this user longer each time."""
        outcome = judge(response, envelope_codes)
        if outcome.kind == RATE_LIMITED:
            run.rate_limited()
            self._backoff_s = min(max(1.0, 2 * self._backoff_s), MAX_BACKOFF_S)
            gevent.sleep(self._backoff_s)
        elif outcome.ok:
            self._backoff_s = 0.0
        return outcome


class Failure(CatchResponseError):
    """A failure named by its kind alone, in every Locust output.

    Locust writes a failure's repr() into its CSV files and the messages of a
    distributed run: the repr is the kind, so each output shows `HTTP 500`, not
    `CatchResponseError('HTTP 500')`.
    """

    def __repr__(self) -> str:
        return str(self.args[0])


def judge(response: Any, envelope_codes: frozenset[int]) -> Outcome:
    """Classify a response and mark it in Locust's statistics under its failure kind."""
    # Only a failed connection carries `error`; FastHttpUser's normal responses lack it.
    error = getattr(response, "error", None)
    outcome = classify(response.status_code, response.content or b"", error, envelope_codes)
    if outcome.ok:
        response.success()
    else:
        response.failure(Failure(outcome.kind))
    return outcome
