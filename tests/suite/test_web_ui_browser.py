"""An engineer's ramp-up in headless Chromium: the form, a ramp shape, the Employees tab.

Locust runs as it would by hand (web UI, its own emulator with the PBX model on); the test
fills the form, starts a ramp, watches the Employees tab until the test ends by itself, and
checks the numbers on the page against the emulator's database. A screenshot of the tab is
left in the test's folder.
"""

from __future__ import annotations

import csv
import io
import os
import re
import time
import unicodedata
import urllib.request
from pathlib import Path

import pytest

from tests.browser import CHROMIUM, Browser
from tests.cluster import Children, query
from tests.web_ui import start_web_ui

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists() and not os.environ.get("CI"),
        reason=f"no {CHROMIUM}: apt-get install chromium (.ci/run installs it)",
    ),
]
EMPLOYEES = 80
SCRIPTS = {"CYRILLIC": "ru_RU", "GREEK": "el_GR", "GEORGIAN": "ka_GE"}
"""Each locale of the test writes names in its own script: the database tells them apart."""
PEOPLE_SQL = """
SELECT e.number, u.username, u.email, m.number FROM m_Extensions e
JOIN m_Users u ON u.id = e.userid
LEFT JOIN m_Extensions m ON m.userid = e.userid AND m.type = 'EXTERNAL'
WHERE e.type = 'SIP' AND e.is_general_user_number = '1'
"""
TAB_ROWS = (
    "[...document.querySelectorAll('table tbody tr')].map(r => [...r.cells].map(c => c.innerText))"
)


def people(db: str) -> dict[str, tuple[str, str, str]]:
    """The PBX's employees: number → (name, e-mail, mobile)."""
    return {number: (name, email, mobile) for number, name, email, mobile in query(db, PEOPLE_SQL)}


def locale_of(name: str) -> str:
    return SCRIPTS[unicodedata.name(next(c for c in name if c.isalpha())).split()[0]]


@pytest.fixture
def locust_ui(tmp_path: Path):
    """Locust's web UI, and the database of the emulator it started (its PBX model on)."""
    with Children(tmp_path) as children:
        ui, database, _ = start_web_ui(children)
        yield ui, database


def test_a_ramp_up_is_started_watched_and_checked_in_the_browser(locust_ui, tmp_path) -> None:
    ui, db = locust_ui
    before = people(db)
    ledger = tmp_path / "ledger.csv"
    with Browser.start(tmp_path) as page:
        page.open(ui)
        check_the_form(page)
        start_a_ramp(page, ledger)
        page.click_text("[role=tab]", "Employees")
        counts = watch_until_stopped(page)
        shown = read_tab(page)
        page.screenshot(tmp_path / "employees-tab.png")
        page.click_text("[role=tab]", "Download data")
        link = "document.querySelector('a[href$=\"/employees/ledger\"]')?.href"
        ledger_url = page.wait_for(link, "the ledger's download link")
    created = {n: person for n, person in people(db).items() if n not in before}
    assert len(created) == EMPLOYEES
    assert 0 < counts[0] < EMPLOYEES, f"the tab showed no count before the end: {counts}"
    assert shown["created"][0][0] == str(EMPLOYEES)
    per_locale = {
        loc: sum(locale_of(p[0]) == loc for p in created.values()) for loc in SCRIPTS.values()
    }
    assert {
        what[8:]: int(v[0][0]) for what, v in shown.items() if what.startswith("created ")
    } == per_locale
    assert shown["failures"] == [["none", ""]]
    assert shown["quota"][0][0] == f"{EMPLOYEES} of {EMPLOYEES}"
    assert shown["users"][0][1] == "shape ramp: 0 to 4 users in 8 s, then held"
    assert shown["ledger"][0][0] == str(ledger)
    assert len(shown["last created"]) == 10
    for number, detail in shown["last created"]:
        name, email, mobile, locale = detail.split(" · ")
        assert created[number] == (name, email, mobile.removeprefix("mobile "))
        assert locale_of(name) == locale
    with urllib.request.urlopen(ledger_url, timeout=10) as download:
        rows = list(csv.DictReader(io.TextIOWrapper(download, encoding="utf-8")))
    assert {r["number"]: (r["username"], r["email"], r["mobile"]) for r in rows} == created


def check_the_form(page: Browser) -> None:
    """Every suite option the form offers has its field; secrets are masked."""
    page.wait_for("!!document.querySelector('form button[type=submit]')", "the start form")
    fields = page.js(
        "Object.fromEntries([...document.querySelectorAll('form input, form select')]"
        ".map(e => [e.name, e.type]))"
    )
    offered = page.js("window.templateArgs.extra_options")
    assert {"employees", "locales", "ledger", "shape", "shape_ramp_seconds"} <= offered.keys()
    assert not {"emulator_options", "max_fail_ratio"} & offered.keys()  # no sense per test
    for name, option in offered.items():
        field = re.sub(r"_(\w)", lambda m: m.group(1).upper(), name)
        assert field in fields, f"--{name} has no field in the form"
        masked = fields[field] == "password"
        assert masked == option["is_secret"], f"--{name}: masked {masked}"
        assert masked or not name.endswith(("password", "api_key")), f"--{name} shows its text"


def start_a_ramp(page: Browser, ledger: Path) -> None:
    page.click_text("button", "Custom parameters")
    page.type_into("input[name=employees]", str(EMPLOYEES))
    page.type_into("input[name=locales]", ",".join(SCRIPTS.values()))
    page.type_into("input[name=ledger]", str(ledger))
    page.choose("select[name=shape]", "ramp")
    page.type_into("input[name=shapeTargetUsers]", "4")
    page.type_into("input[name=shapeRampSeconds]", "8s")
    page.click("form button[type=submit]")


def watch_until_stopped(page: Browser, timeout: float = 60) -> list[int]:
    """The created counts the tab showed, from the first above 0 until the test stopped."""
    seen: list[int] = []
    page.wait_for(f"{TAB_ROWS}.some(r => r[0] === 'created' && r[1] !== '0')", "employees")
    deadline = time.monotonic() + timeout
    while not page.js("/Status\\s+STOPPED/.test(document.body.innerText)"):
        created = int(dict(row[:2] for row in page.js(TAB_ROWS)).get("created", "0"))
        if not seen or seen[-1] != created:
            seen.append(created)
        assert time.monotonic() < deadline, f"the test did not end by itself: {seen}"
        time.sleep(0.2)
    return seen


def read_tab(page: Browser) -> dict[str, list[list[str]]]:
    """The tab's rows once the last poll is in: what → [[value, detail], ...]."""
    page.wait_for(f"{TAB_ROWS}.some(r => r[0] === 'created' && r[1] === '{EMPLOYEES}')", "the end")
    shown: dict[str, list[list[str]]] = {}
    for what, value, detail in page.js(TAB_ROWS):
        shown.setdefault(what, []).append([value, detail])
    return shown
