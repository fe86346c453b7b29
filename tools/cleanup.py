"""Delete exactly the employees a run's ledger names, and nothing else.

    python -m tools.cleanup reports/ledger-RUN.csv          # dry run: what would go
    python -m tools.cleanup reports/ledger-RUN.csv --yes    # delete

Each employee is read back first and deleted only while it still has the number,
name and mobile the ledger says: one changed since the run is skipped, so an
employee the suite did not create is never deleted. Deleted ids go to
`<ledger>.cleanup` as they happen, so an interrupted cleanup continues where it
stopped. Exit code 0 when every employee is gone, 1 when some were skipped or
refused, 2 on an error, 130 when interrupted.
"""

from __future__ import annotations

import argparse
import os
from collections import Counter

from pbx.client import PbxClient, PbxError
from suite.ledger import LedgerRow
from tools.common import (
    EXIT_INTERRUPTED,
    EXIT_OFF,
    EXIT_OK,
    Ledgers,
    add_common_arguments,
    connect,
    load_ledgers,
    run_tool,
)
from tools.progress import Progress

VERIFIED = ("number", "username", "mobile")
PROGRESS_SUFFIX = ".cleanup"


class Cleanup:
    """One pass over one ledger file, remembering deleted ids in its progress file."""

    def __init__(self, client: PbxClient, delete: bool, progress: Progress) -> None:
        self.client = client
        self.delete = delete
        self.progress = progress
        self.counts: Counter[str] = Counter()

    def ledger(self, path: str, rows: list[LedgerRow]) -> None:
        done_path = path + PROGRESS_SUFFIX
        done = _read_done(done_path)
        with open(done_path, "a", encoding="utf-8") as done_file:
            for row in rows:
                outcome = "deleted before" if row.extension_id in done else self.one(row)
                if outcome in ("deleted", "already gone"):
                    done_file.write(row.extension_id + "\n")
                    done_file.flush()
                self.counts[outcome] += 1
                self.progress.advance(self.status())

    def one(self, row: LedgerRow) -> str:
        employee = self.client.employee(row.extension_id) if row.extension_id else None
        if employee is None:
            return "already gone"
        changes = [
            f"{name} {getattr(row, name)!r} in the ledger, {getattr(employee, name)!r} on the PBX"
            for name in VERIFIED
            if getattr(row, name) != getattr(employee, name)
        ]
        if changes:
            self.progress.note(
                f"skipped  {row.number}  id {row.extension_id}: changed since the run: "
                + "; ".join(changes)
            )
            return "skipped"
        if not self.delete:
            return "would be deleted"
        try:
            self.client.delete(employee)
        except PbxError as error:
            self.progress.note(f"refused  {row.number}  id {row.extension_id}: {error}")
            return "refused"
        return "deleted"

    def status(self) -> str:
        order = (
            "deleted",
            "would be deleted",
            "deleted before",
            "already gone",
            "skipped",
            "refused",
        )
        return ", ".join(f"{self.counts[key]} {key}" for key in order if self.counts[key])


def _read_done(path: str) -> set[str]:
    if not os.path.exists(path):
        return set()
    with open(path, encoding="utf-8") as file:
        return {line.strip() for line in file if line.strip()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tools.cleanup", description=__doc__.split("\n\n")[0]
    )
    add_common_arguments(parser)
    parser.add_argument("--yes", action="store_true", help="delete; without it, a dry run")
    options = parser.parse_args(argv)
    ledgers = load_ledgers(options.ledger)
    client = connect(options, ledgers)
    mode = "deleting" if options.yes else "dry run, nothing is deleted"
    print(
        f"cleanup: {len(ledgers.rows)} employees of run {ledgers.run_id or '?'} on {client.host} "
        f"({mode})",
        flush=True,
    )
    return clean(Cleanup(client, options.yes, Progress(len(ledgers.rows))), ledgers)


def clean(cleanup: Cleanup, ledgers: Ledgers) -> int:
    try:
        for path, rows in ledgers.files.items():
            cleanup.ledger(path, rows)
    except KeyboardInterrupt:
        cleanup.progress.close()
        print(f"interrupted: {cleanup.status() or 'nothing done'}; run the same command to go on")
        return EXIT_INTERRUPTED
    cleanup.progress.close()
    print(f"result: {cleanup.status() or 'the ledger is empty'}")
    if not cleanup.delete and cleanup.counts["would be deleted"]:
        print("this was a dry run: add --yes to delete them")
    return EXIT_OFF if cleanup.counts["skipped"] or cleanup.counts["refused"] else EXIT_OK


if __name__ == "__main__":
    run_tool(main)
