"""Locust's web UI in a child process, as an engineer starts it: no --host, its own emulator."""

from __future__ import annotations

import json
import re
import time
import urllib.parse
import urllib.request
from typing import Any

from tests.cluster import LOCUST, ROOT, Child, Children, free_port, wait_for

DATABASE = re.compile(r"targeting the MikoPBX emulator at \S+ \(database (\S+)\)")


def start_web_ui(children: Children, *args: str) -> tuple[str, str, Child]:
    """Start it and wait until it answers: its address, its emulator's database, the child."""
    port = free_port()
    child = children.start(
        "locust",
        [
            *LOCUST, "-f", str(ROOT / "locustfile.py"), "--web-host", "127.0.0.1",
            "--web-port", str(port), "--employee-log", "failures", *args,
        ],
    )  # fmt: skip
    wait_for(lambda: DATABASE.search(child.output()), 30, "the emulator's database")
    ui = f"http://127.0.0.1:{port}"
    wait_for(lambda: answers(ui), 30, "Locust's web UI")
    database = DATABASE.search(child.output())
    assert database is not None
    return ui, database.group(1), child


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2):
            return True
    except OSError:
        return False


def get(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=10) as answer:
        return json.load(answer)


def swarm(ui: str, **form: object) -> dict[str, Any]:
    """POST the start form as the page does (its fields in snake_case)."""
    body = urllib.parse.urlencode(form).encode()
    with urllib.request.urlopen(ui + "/swarm", data=body, timeout=10) as answer:
        return json.load(answer)


def wait_for_the_end(ui: str, employees: int, after: str = "", timeout: float = 60) -> dict:
    """The Employees tab's rows once a test newer than run `after` attempted all its employees
    and stopped. Locust caches its statistics for up to 2 s, the tab's rows it does not: a
    state of "stopped" alone may still be the previous test's."""
    deadline = time.monotonic() + timeout
    while True:
        stats = get(ui + "/stats/requests")
        shown = tab_rows(stats)
        run = shown.get("run", [("", "")])[0][0]
        done = shown.get("quota", [("", "")])[0][0] == f"{employees} of {employees}"
        if stats["state"] == "stopped" and run not in ("", after) and done:
            return shown
        assert time.monotonic() < deadline, f"no end of a new test in {timeout} s: {shown}"
        time.sleep(0.2)


def tab_rows(stats: dict[str, Any]) -> dict[str, list[tuple[str, str]]]:
    """The Employees tab's rows in a poll's answer: what → [(value, detail), ...]."""
    shown: dict[str, list[tuple[str, str]]] = {}
    for row in next(t["data"] for t in stats["extended_stats"] if t["key"] == "employees"):
        shown.setdefault(row["what"], []).append((row["value"], row["detail"]))
    return shown
