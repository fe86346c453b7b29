"""Compare a run's ledger with what the PBX holds.

    python -m tools.reconcile reports/ledger-RUN.csv [--adopt]

Lists employees of the ledger that the PBX no longer has, fields that differ, and
employees the run created without a confirmation (a 500 after the commit, a timeout),
recognised by the run's mobile bijection (see tools.findings). `--adopt` appends
those to the ledger, so cleanup deletes them too.
Exit code 0 when all is as recorded (or adopted), 1 when anything is off, 2 on an error.
"""

from __future__ import annotations

import argparse

from tools.common import (
    EXIT_OFF,
    EXIT_OK,
    Ledgers,
    ToolError,
    add_common_arguments,
    connect,
    load_ledgers,
    run_tool,
)
from tools.findings import Findings, adopt, compare, find_unconfirmed


def report(findings: Findings, adopted_into: str) -> list[str]:
    lines = [
        f"missing      {r.number}  {r.username}  mobile {r.mobile}  id "
        f"{r.extension_id}: not on the PBX"
        for r in findings.missing
    ]
    lines += [
        f"differs      {r.number}  id {r.extension_id}: " + "; ".join(changes)
        for r, changes in findings.differing
    ]
    lines += [
        f"unconfirmed  {e.number}  {e.username}  {e.email}  mobile {e.mobile}  id {e.extension_id}"
        for e in findings.unconfirmed
    ]
    lines += [
        f"unlocated    mobile {m}: the PBX lists it, but no employee holding it was found"
        for m in findings.unlocated
    ]
    adopted = (
        f" (adopted: appended to {adopted_into})" if adopted_into and findings.unconfirmed else ""
    )
    lines.append(
        f"result: {findings.as_recorded} as recorded, {len(findings.missing)} missing, "
        f"{len(findings.differing)} differ, {len(findings.unconfirmed)} unconfirmed{adopted}"
        + (f", {len(findings.unlocated)} unlocated" if findings.unlocated else "")
    )
    return lines


def main(argv: list[str] | None = None) -> int:
    options = parser().parse_args(argv)
    ledgers = load_ledgers(options.ledger)
    seed = run_seed(options, ledgers)
    client = connect(options, ledgers)
    print(
        f"reconcile: {len(ledgers.rows)} ledger rows of run {ledgers.run_id or '?'} "
        f"against {client.host} ({client.api} API)",
        flush=True,
    )
    findings = Findings()
    compare(client, ledgers.rows, findings)
    find_unconfirmed(client, ledgers, seed, findings)
    if options.adopt and findings.unconfirmed:
        adopt(ledgers, findings.unconfirmed, seed)
    print("\n".join(report(findings, ledgers.paths[0] if options.adopt else "")))
    off = findings.missing or findings.differing or findings.unlocated
    return EXIT_OFF if off or (findings.unconfirmed and not options.adopt) else EXIT_OK


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m tools.reconcile", description=__doc__.split("\n\n")[0]
    )
    add_common_arguments(parser)
    add = parser.add_argument
    add("--run-seed", type=int, help="the run's seed (default: from the run manifest)")
    add("--adopt", action="store_true", help="append the unconfirmed to the (first) ledger")
    return parser


def run_seed(options: argparse.Namespace, ledgers: Ledgers) -> int:
    if options.run_seed is not None:
        return options.run_seed
    if ledgers.manifest is None:
        raise ToolError(
            "no run seed: the ledger has no run manifest beside it; give --run-seed "
            "(the run printed it at its start: 'run <id>: seed <n>')"
        )
    return ledgers.manifest.run_seed


if __name__ == "__main__":
    run_tool(main)
