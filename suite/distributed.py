"""Distributed runs: the master owns the run's counters and hands the workers blocks of them.

Locust's master/worker mode runs the users; this module keeps their test data unique
across workers. The master reads the PBX and fixes the plan when its test starts. The plan
rides to the workers in Locust's spawn message (a master's custom options are copied into
every worker's), so each worker, even one that joins late, has it when its test starts.
Workers then take blocks of the counters over custom messages (suite.worker_link) and
report each finished attempt; the master counts the --employees quota over all of them
and ends the test.
"""

from __future__ import annotations

import weakref
from typing import Any

import gevent
from locust.runners import STATE_MISSING, MasterRunner, WorkerRunner

from suite import worker_link
from suite.coordinator import Coordinator
from suite.plan import plan_to_wire
from suite.worker_link import BLOCK, BLOCK_REQUEST, PLAN_OPTION, POOL_EXHAUSTED, PROGRESS

start_worker = worker_link.start_worker  # the worker side, for the listeners
stop_worker = worker_link.stop_worker
QUOTA_CHECK_S = 0.5
"""How often the master looks at the quota between reports: a dead worker reports nothing."""
_coordinators: weakref.WeakKeyDictionary[Any, Coordinator] = weakref.WeakKeyDictionary()


def register(environment: Any) -> None:
    """Install the message handlers of a master or a worker (from the init listener)."""
    runner = environment.runner
    if isinstance(runner, MasterRunner):
        runner.register_message(BLOCK_REQUEST, _on_block_request)
        runner.register_message(PROGRESS, _on_progress)
        runner.register_message(POOL_EXHAUSTED, _on_pool_exhausted)
    elif isinstance(runner, WorkerRunner):
        worker_link.register(environment)


def is_master(environment: Any) -> bool:
    return isinstance(environment.runner, MasterRunner)


def is_worker(environment: Any) -> bool:
    """From the options: a worker's test can start before its runner is in place."""
    return bool(environment.parsed_options and environment.parsed_options.worker)


def withdraw_plan(environment: Any) -> None:
    """No plan for the workers until this test's is made: a stale one must never be used."""
    setattr(environment.parsed_options, PLAN_OPTION, None)


def start_master(environment: Any, coordinator: Coordinator) -> None:
    """Publish the plan to the workers and keep the books of this test."""
    _coordinators[environment] = coordinator
    setattr(environment.parsed_options, PLAN_OPTION, plan_to_wire(coordinator.plan))
    if coordinator.plan.settings.employees:
        gevent.spawn(_watch_quota, environment, coordinator)


def coordinator_of(environment: Any) -> Coordinator | None:
    """The books of this master's current or last test."""
    return _coordinators.get(environment)


def stop_master(environment: Any) -> Coordinator | None:
    """Close the test's books; reports that come later still count in the summary."""
    coordinator = _coordinators.get(environment)
    if coordinator is not None:
        coordinator.close()
    return coordinator


def live_workers(runner: Any) -> set[str]:
    """Workers that still answer heartbeats: one that died does not hold up the quota."""
    return {node.id for node in runner.clients.values() if node.state != STATE_MISSING}


def _watch_quota(environment: Any, coordinator: Coordinator) -> None:
    while coordinator.open:
        coordinator.check_quota(live_workers(environment.runner))
        gevent.sleep(QUOTA_CHECK_S)


def _on_block_request(environment: Any, msg: Any, **_: Any) -> None:
    coordinator = _coordinators.get(environment)
    request = msg.data or {}
    if coordinator is None:
        answer = {"id": request.get("id"), "run_id": request.get("run_id"), "start": 0, "stop": 0}
    else:
        answer = coordinator.answer(msg.node_id, request)
    environment.runner.send_message(BLOCK, answer, client_id=msg.node_id)
    if coordinator is not None and "progress" in request:  # a report riding on the request
        coordinator.progress(msg.node_id, request["progress"])
        coordinator.check_quota(live_workers(environment.runner))


def _on_progress(environment: Any, msg: Any, **_: Any) -> None:
    coordinator = _coordinators.get(environment)
    if coordinator is not None:
        coordinator.progress(msg.node_id, msg.data or {})
        coordinator.check_quota(live_workers(environment.runner))


def _on_pool_exhausted(environment: Any, msg: Any, **_: Any) -> None:
    coordinator = _coordinators.get(environment)
    if coordinator is not None and (msg.data or {}).get("run_id") == coordinator.plan.run_id:
        coordinator.pool_exhausted()
