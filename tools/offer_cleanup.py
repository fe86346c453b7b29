"""After `make run`: say how to remove what the run created, and offer to do it at a terminal.

    python -m tools.offer_cleanup reports [--emulator]

The newest run manifest in the folder names the run; every ledger of that run (one per
worker in a distributed run) is cleaned. Asked only when both stdin and stdout are a
terminal; a pipeline just gets the commands to print.
"""

from __future__ import annotations

import argparse
import glob
import os
import shlex
import sys

from suite.manifest import SUFFIX, read_manifest
from tools import cleanup, reconcile
from tools.common import EXIT_OK, run_tool


def run_ledgers(folder: str) -> list[str]:
    """The ledgers of the newest run whose manifest is in `folder`."""
    manifests = sorted(glob.glob(os.path.join(folder, "*" + SUFFIX)), key=os.path.getmtime)
    if not manifests:
        return []
    ledgers = [path[: -len(SUFFIX)] for path in manifests]
    newest = read_manifest(ledgers[-1])
    return [
        ledger
        for ledger in ledgers
        if os.path.exists(ledger) and (m := read_manifest(ledger)) and m.run_id == newest.run_id
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.offer_cleanup")
    parser.add_argument("folder", help="where the run wrote its ledger")
    parser.add_argument("--emulator", action="store_true", help="the run used its own emulator")
    options = parser.parse_args(argv)
    if options.emulator:
        print("cleanup: not needed, the run's own emulator stopped and its database went with it")
        return EXIT_OK
    ledgers = run_ledgers(options.folder)
    if not ledgers:
        print(f"cleanup: no run manifest in {options.folder}: nothing to offer")
        return EXIT_OK
    python = os.path.relpath(sys.executable) if sys.executable else "python"
    names = " ".join(shlex.quote(path) for path in ledgers)
    print("to remove the employees this run created (unconfirmed ones included):")
    print(f"  {python} -m tools.reconcile {names} --adopt")
    print(f"  {python} -m tools.cleanup {names} --yes")
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        return EXIT_OK
    answer = input("delete them now? [y/N] ").strip().lower()
    if answer not in ("y", "yes"):
        return EXIT_OK
    reconcile.main([*ledgers, "--adopt"])
    return cleanup.main([*ledgers, "--yes"])


if __name__ == "__main__":
    run_tool(main)
