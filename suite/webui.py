"""The Employees tab in Locust's web UI, and the download of the test's ledgers.

Locust's page shows extended tabs named in its template arguments; each is a table whose
rows come with the page's regular poll of /stats/requests, so the rows ride on that
answer. On a master they are the workers' counts, merged from their reports.
"""

from __future__ import annotations

import io
import json
import os
import weakref
import zipfile
from collections.abc import Callable
from functools import partial
from typing import Any

from flask import Response, make_response, request, send_file
from locust.runners import STATE_INIT, STATE_RUNNING, STATE_SPAWNING

from suite import distributed, employees_tab
from suite.employees_tab import COLUMNS, Snapshot
from suite.run import current
from suite.shapes import SuiteShape

TAB = "employees"
LEDGER_ROUTE = "/employees/ledger"
_snapshots: weakref.WeakKeyDictionary[Any, Callable[[], Snapshot]] = weakref.WeakKeyDictionary()
"""Environment → how to see its current or last test: it stays on the tab after the end."""


def register(events: Any) -> None:
    """Add the listeners; after the suite's own, so a test's run exists when it is noted."""
    events.init.add_listener(on_init)
    events.test_start.add_listener(on_test_start)


def on_init(environment: Any, web_ui: Any = None, **_: Any) -> None:
    if web_ui is None:
        return
    web_ui.template_args.update(
        extended_tabs=[{"key": TAB, "title": "Employees"}],
        extended_tables=[{"key": TAB, "structure": COLUMNS}],
        extended_csv_files=[
            {"href": "." + LEDGER_ROUTE, "title": "Download the ledger (employees created)"}
        ],
    )
    web_ui.app.after_request(partial(add_rows, environment))
    serve = web_ui.auth_required_if_enabled(partial(download_ledger, environment))
    web_ui.app.add_url_rule(LEDGER_ROUTE, "employees_ledger", serve)


def on_test_start(environment: Any, **_: Any) -> None:
    """Note where this test's counts are; a test refused at its pre-flight has none."""
    coordinator = distributed.coordinator_of(environment)
    run = current(environment)
    if distributed.is_master(environment) and coordinator is not None:
        _snapshots[environment] = partial(employees_tab.of_coordinator, coordinator)
    elif run is not None and not distributed.is_worker(environment):
        _snapshots[environment] = partial(employees_tab.of_run, run)
    else:
        _snapshots.pop(environment, None)


def snapshot(environment: Any) -> Snapshot | None:
    see = _snapshots.get(environment)
    return see() if see else None


def add_rows(environment: Any, response: Response) -> Response:
    """Put the tab's rows into the page's poll of Locust's statistics."""
    if request.endpoint != "locust.request_stats" or response.status_code != 200:
        return response
    seen = snapshot(environment)
    errors = environment.runner.stats.errors.values()
    table = employees_tab.rows(seen, errors, load(environment, seen))
    body = json.loads(response.get_data())
    body["extended_stats"] = [{"key": TAB, "data": table}]
    response.set_data(json.dumps(body))
    return response


def load(environment: Any, seen: Snapshot | None) -> employees_tab.Row | None:
    """The users now and what drives them; nothing before the first test."""
    runner = environment.runner
    if seen is None and runner.state not in (STATE_INIT, STATE_SPAWNING, STATE_RUNNING):
        return None
    shape = environment.shape_class
    described = f"{shape.name}: {shape.describe()}" if isinstance(shape, SuiteShape) else None
    return employees_tab.users(runner.user_count, described)


def download_ledger(environment: Any) -> Response:
    """The ledger as CSV; a zip when several (one per worker) are on this machine."""
    seen = snapshot(environment)
    files = [f for f in (seen.ledgers if seen else []) if f.here]
    if not files:
        elsewhere = ", ".join(f"{f.path} on {f.host}" for f in (seen.ledgers if seen else []))
        text = f"no ledger on this machine{': ' + elsewhere if elsewhere else ' yet'}\n"
        return make_response(text, 404, {"Content-Type": "text/plain; charset=utf-8"})
    if len(files) == 1:
        return send_file(files[0].path, "text/csv", as_attachment=True)
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as bundle:
        for file in files:
            bundle.write(file.path, os.path.basename(file.path))
    archive.seek(0)
    name = f"ledgers-{seen.plan.run_id}.zip" if seen else "ledgers.zip"
    return send_file(archive, "application/zip", as_attachment=True, download_name=name)
