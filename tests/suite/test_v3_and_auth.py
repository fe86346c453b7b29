"""One suite, unchanged, on a legacy or a v3 PBX, signed in locally or as a remote client."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow
API_KEY = "ab12" * 16
V3_TEMPLATE, V3_SAVE = "employees:getDefault", "employees create"


def assert_rows_equal_ledger(emulator, pbx_employees, before, run, api) -> None:
    created = {n: row for n, row in pbx_employees(emulator).items() if n not in before}
    assert {row.number for row in run.ledger} == set(created)
    for row in run.ledger:
        pbx = created[row.number]
        assert (pbx["username"], pbx["email"], pbx["mobile"]) == (
            row.username,
            row.email,
            row.mobile,
        )
        assert pbx["forwarding"] == pbx["forwardingonbusy"] == row.mobile
        assert row.api == api


@pytest.mark.parametrize("user_class", ["EmployeeUser", "FastEmployeeUser"])
def test_v3_run_creates_exactly_the_quota(
    emulator_factory, run_locust, pbx_employees, user_class
) -> None:
    emulator = emulator_factory("--no-model", "--api", "v3")
    before = pbx_employees(emulator)
    run = run_locust("--employees", "120", host=emulator.url, user_class=user_class)
    assert run.returncode == 0, run.output
    assert run.requests(V3_TEMPLATE) == run.requests(V3_SAVE) == (120, 0)
    assert len(run.ledger) == 120
    assert_rows_equal_ledger(emulator, pbx_employees, before, run, "v3")


def test_auto_speaks_legacy_where_both_answer(emulator, run_locust) -> None:
    run = run_locust("--employees", "5", host=emulator.url)
    assert {row.api for row in run.ledger} == {"legacy"}


@pytest.mark.parametrize(
    ("emulator_args", "suite_args", "stat"),
    [
        (["--api", "v3"], ["--pbx-login", "admin", "--pbx-password", "admin"], "jwt_logins"),
        (["--api", "v3", "--api-key", API_KEY], ["--api-key", API_KEY], None),
        (["--api", "legacy"], ["--pbx-login", "admin", "--pbx-password", "admin"], "logins"),
    ],
    ids=["v3-jwt", "v3-api-key", "legacy-session"],
)
def test_signed_in_runs(
    emulator_factory, run_locust, pbx_employees, emulator_args, suite_args, stat
) -> None:
    emulator = emulator_factory("--no-model", "--require-auth", *emulator_args)
    before = pbx_employees(emulator)
    run = run_locust("--employees", "80", *suite_args, host=emulator.url)
    assert run.returncode == 0, run.output
    stats = emulator.stats()
    assert stats["unauthorized"] == 0
    if stat:
        assert stats[stat]["accepted"] == 1, "one login for the whole process"
    api = emulator_args[1]
    assert_rows_equal_ledger(emulator, pbx_employees, before, run, api)


@pytest.mark.parametrize("api", ["v3", "legacy"])
def test_wrong_password_stops_before_the_load_with_one_login(
    emulator_factory, run_locust, api
) -> None:
    emulator = emulator_factory("--no-model", "--require-auth", "--api", api)
    run = run_locust(
        "--employees", "50", "--pbx-login", "admin", "--pbx-password", "nope", host=emulator.url
    )
    assert run.returncode == 2
    errors = [line for line in run.output.splitlines() if "/ERROR/" in line]
    assert len(errors) == 1 and "refused the login 'admin'" in errors[0], run.output
    assert "nope" not in run.output, "the password never reaches the console"
    stats = emulator.stats()
    logins = stats["jwt_logins" if api == "v3" else "logins"]
    assert logins["refused"] + logins["blocked"] == 1
    assert stats["requests"].get("employees.create", 0) == stats["requests"]["saveRecord"] == 0


def test_missing_login_says_what_to_give(emulator_factory, run_locust) -> None:
    emulator = emulator_factory("--no-model", "--require-auth", "--api", "v3")
    run = run_locust("--employees", "5", host=emulator.url)
    assert run.returncode == 2
    assert "wants a login" in run.output and "--pbx-login and --pbx-password" in run.output


def test_an_expiring_token_is_refreshed_without_failures(emulator_factory, run_locust) -> None:
    emulator = emulator_factory(
        "--require-auth",
        "--api",
        "v3",
        "--jwt-ttl-s",
        "2",
        "--jwt-leeway-s",
        "0",
        "--model-workers",
        "2",
        "--model-get-ms",
        "2",
        "--model-save-ms",
        "30",
        "--model-jitter",
        "0",
    )
    run = run_locust(
        "--employees",
        "300",
        "--pbx-login",
        "admin",
        "--pbx-password",
        "admin",
        host=emulator.url,
        users=4,
    )
    assert run.returncode == 0, run.output
    stats = emulator.stats()
    assert stats["jwt_logins"]["accepted"] == 1
    assert stats["token_refreshes"]["accepted"] >= 2
    assert stats["unauthorized"] == 0
    assert len(run.ledger) == 300


def test_rate_limited_requests_are_classified_and_the_run_completes(
    emulator_factory, run_locust
) -> None:
    emulator = emulator_factory(
        "--no-model",
        "--rate-limit",
        "--rate-limit-requests",
        "40",
        "--rate-limit-burst",
        "0",
        "--rate-limit-window-s",
        "2",
        "--rate-limit-block-s",
        "1",
    )
    run = run_locust("--employees", "60", host=emulator.url, users=4)
    limited = emulator.stats()["rate_limited"]
    assert limited > 0
    failures = run.failures()
    assert sum(n for kind, n in failures.items() if kind.endswith("HTTP 429 rate limited")) == (
        limited
    )
    assert set(failures) <= {
        "getRecord: HTTP 429 rate limited",
        "saveRecord: HTTP 429 rate limited",
    }
    assert "all --employees attempted" in run.output
    assert run.output.count("PBX_RATE_LIMIT_ENABLED='0'") == 1
