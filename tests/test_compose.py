"""docker-compose.yml and the Dockerfile, proven without a Docker engine.

Two ways: the file validates against the Compose Specification's schema, and the command
lines of its services, run as local processes on loopback (an emulator, a master and
three workers), create 3,000 employees whose data never repeats.
"""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from tests import compose_file
from tests.cluster import (
    LOCUST,
    ROOT,
    Children,
    as_employees,
    employees,
    emulator_address,
    free_port,
    ledgers,
    repeated_numbers,
)

COMPOSE = ROOT / "docker-compose.yml"
EMPLOYEES = 3000


def check_compose_schema(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.compose-spec", path],
        capture_output=True,
        text=True,
        check=False,
    )


def test_compose_file_follows_the_compose_specification() -> None:
    done = check_compose_schema(COMPOSE)
    assert done.returncode == 0, done.stdout + done.stderr


def test_schema_check_catches_a_wrong_key(tmp_path: Path) -> None:
    broken = tmp_path / "docker-compose.yml"
    broken.write_text(COMPOSE.read_text().replace("attach: false", "atach: false"))
    done = check_compose_schema(broken)
    assert done.returncode == 1
    assert "'atach' was unexpected" in done.stdout


def test_the_emulator_is_left_out_for_a_staging_pbx() -> None:
    services = compose_file.load(COMPOSE)["services"]
    assert services["emulator"]["profiles"] == ["emulator"]
    assert services["master"]["depends_on"]["emulator"]["required"] is False
    staging = compose_file.argv(services["master"], {"PBX_HOST": "http://pbx.staging:80"})
    assert "--host=http://pbx.staging:80" in staging
    assert "--host=http://emulator:8081" in compose_file.argv(services["master"], {})


def test_image_is_the_pinned_locust_plus_the_pinned_requirements() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text().splitlines()
    pins = dict(
        line.split("==")
        for line in (ROOT / "requirements.txt").read_text().splitlines()
        if "==" in line and not line.startswith("#")
    )
    assert f"FROM locustio/locust:{pins['locust']}" in dockerfile
    assert "RUN pip install --no-cache-dir -r requirements.txt -c constraints.txt" in dockerfile
    assert not any(line.startswith("ENTRYPOINT") for line in dockerfile)  # locust's stays
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert {".venv", "reports", ".git", "load.env"} <= set(ignored)  # no secret in the image


@pytest.fixture
def children(tmp_path: Path):
    with Children(tmp_path) as started:
        yield started


@pytest.mark.slow
def test_compose_commands_create_unique_employees(tmp_path: Path, children: Children) -> None:
    services = compose_file.load(COMPOSE)["services"]
    reports = tmp_path / "reports"
    reports.mkdir()
    shell = {
        "LOCUST_HEADLESS": "true",
        "LOCUST_EXPECT_WORKERS": "3",
        "LOCUST_USERS": "30",
        "LOCUST_SPAWN_RATE": "30",
        "LOCUST_RUN_TIME": "90s",
        "LOCUST_ONLY_SUMMARY": "true",
        "PBX_EMPLOYEES": str(EMPLOYEES),
        "PBX_NUMBER_RANGE": "2000-9999",
        "EMULATOR_OPTIONS": "--no-model",
    }
    # Loopback stands in for the compose network: host names, the emulator's port (0: a
    # free one), the master's port and the ./reports bind mount.
    port = free_port()
    network = {"LOCUST_MASTER_BIND_HOST": "127.0.0.1", "LOCUST_MASTER_BIND_PORT": str(port)}
    worker_network = {"LOCUST_MASTER_NODE_PORT": str(port)}
    local = {"0.0.0.0": "127.0.0.1", "8081": "0", "--master-host=master": "--master-host=127.0.0.1"}
    for target in compose_file.bind_mounts(services["master"]):
        local[target] = str(reports)

    def start(name: str, service: str, extra: dict[str, str]):
        argv = [local.get(word, word) for word in compose_file.argv(services[service], shell)]
        argv = [_local_paths(word, local) for word in argv]
        program = LOCUST if argv[0] == "locust" else [sys.executable]
        env = {**compose_file.environment(services[service], shell), **extra}
        return children.start(name, program + argv[1:], env)

    emulator = start("emulator", "emulator", {})
    url, db = emulator_address(emulator)
    local["http://emulator:8081"] = url
    before = employees(db)
    master = start("master", "master", network)
    workers = [start(f"worker{i}", "worker", worker_network) for i in range(3)]

    assert master.wait(timeout=120) == 0, children.outputs()
    assert "all --employees attempted" in master.output()
    assert "failed to send heartbeat" not in master.output()
    created = {n: row for n, row in employees(db).items() if n not in before}
    assert len(created) == EMPLOYEES
    assert repeated_numbers(db) == []
    files = ledgers(reports)
    assert len(files) == len(workers)
    rows = [row for file in files.values() for row in file]
    assert as_employees(rows) == created and len(rows) == EMPLOYEES
    assert Counter(row.mobile for row in rows).most_common(1)[0][1] == 1


def _local_paths(word: str, local: dict[str, str]) -> str:
    """A container path or URL inside an option (--csv=/home/...) mapped to its local one."""
    for container, here in local.items():
        if container.startswith(("/", "http")):
            word = word.replace(container, here)
    return word
