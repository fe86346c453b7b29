"""A locustfile plugin for the benchmark: the CPU time the Locust process spent in the test.

Loaded beside the suite (`-f locustfile.py,bench/cpu_probe.py`), it prints one line
`cpu_probe cpu_s=<seconds> created=<n>` when the test stops, measured from the
test's start so that Locust's own start-up is not counted.
"""

import time

from locust import events

_started: list[float] = []


@events.test_start.add_listener
def on_test_start(**_: object) -> None:
    _started.append(time.process_time())


@events.test_stop.add_listener
def on_test_stop(environment, **_: object) -> None:
    save = environment.stats.get("saveRecord", "POST")
    created = save.num_requests - save.num_failures
    print(f"cpu_probe cpu_s={time.process_time() - _started[-1]:.4f} created={created}", flush=True)
