"""The loop of one user: fetch a template, fill it, save it, record the outcome.

Written once for both HTTP clients (requests and geventhttpclient): it only uses
what their `catch_response` context managers share.
"""

from __future__ import annotations

from typing import Any, ClassVar

from locust.exception import CatchResponseError, StopUser

from pbx import legacy
from pbx.outcome import Outcome, classify
from suite.run import Run, awaited


class EmployeeFlow:
    """Mixin for an HttpUser or FastHttpUser: the employee-creation task."""

    environment: Any
    client: Any

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
        api = legacy
        with self.client.get(
            api.TEMPLATE_PATH, name=api.TEMPLATE_REQUEST, catch_response=True
        ) as response:
            template = judge(response)
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
            headers=api.SAVE_HEADERS,
            catch_response=True,
        ) as response:
            saved = judge(response)
        if saved.ok:
            run.confirmed(draft, saved.data)
        else:
            run.refused(api.SAVE_REQUEST, saved, draft)


class Failure(CatchResponseError):
    """A failure named by its kind alone, in every Locust output.

    Locust writes a failure's repr() into its CSV files and the messages of a
    distributed run: the repr is the kind, so each output shows `HTTP 500`, not
    `CatchResponseError('HTTP 500')`.
    """

    def __repr__(self) -> str:
        return str(self.args[0])


def judge(response: Any) -> Outcome:
    """Classify a response and mark it in Locust's statistics under its failure kind."""
    # Only a failed connection carries `error`; FastHttpUser's normal responses lack it.
    outcome = classify(
        response.status_code, response.content or b"", getattr(response, "error", None)
    )
    if outcome.ok:
        response.success()
    else:
        response.failure(Failure(outcome.kind))
    return outcome
