"""The example pipelines are valid for the CI systems that run them (their published schemas)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("path", "schema"),
    [
        (".github/workflows/load-test.yml", "vendor.github-workflows"),
        (".gitlab-ci.yml", "vendor.gitlab-ci"),
    ],
    ids=["github-actions", "gitlab-ci"],
)
def test_pipeline_matches_its_schema(path: str, schema: str) -> None:
    # The vendored schemas ship inside check-jsonschema: no network is needed.
    done = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(ROOT / path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
