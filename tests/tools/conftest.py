"""Fixtures for the tools: run one in-process as its command would, and the suite's runs."""

from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType

import pytest

from tests.suite.conftest import pbx_employees, run_locust
from tools.common import run_tool

__all__ = ["pbx_employees", "run_locust"]


@dataclass
class ToolRun:
    code: int
    out: str
    err: str

    def lines(self, prefix: str) -> list[str]:
        return [line for line in self.out.splitlines() if line.startswith(prefix)]


@pytest.fixture
def tool(capsys, monkeypatch):
    """`tool(reconcile, "ledger.csv", "--adopt")`: what `python -m tools.reconcile ...` does."""
    for name in ("PBX_LOGIN", "PBX_PASSWORD", "PBX_API_KEY"):
        monkeypatch.delenv(name, raising=False)

    def run(module: ModuleType, *args: str) -> ToolRun:
        capsys.readouterr()
        with pytest.raises(SystemExit) as exit_info:
            run_tool(lambda: module.main(list(args)))
        captured = capsys.readouterr()
        return ToolRun(exit_info.value.code, captured.out, captured.err)

    return run
