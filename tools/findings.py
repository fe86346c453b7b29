"""What reconcile finds: the ledger compared with the PBX, and the run's unconfirmed employees.

An employee the PBX created without confirming it is recognised by its mobile: the
run's bijection, keyed by its seed, maps the mobile back to the index the suite drew
it from, and the e-mail the suite made from the same index carries it too.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from data import MobilePool, index_of_email
from pbx.client import Employee, PbxClient
from suite.ledger import Ledger, LedgerRow, utc_now
from tools.common import Ledgers

COMPARED = ("number", "username", "email", "mobile")
INDEX_SLACK = 4096
"""Indices an unconfirmed employee may lie beyond the ledger's highest: the blocks of 64
that up to 64 processes had taken and not yet confirmed anything from."""


@dataclass
class Findings:
    as_recorded: int = 0
    missing: list[LedgerRow] = field(default_factory=list)
    differing: list[tuple[LedgerRow, list[str]]] = field(default_factory=list)
    unconfirmed: list[Employee] = field(default_factory=list)
    unlocated: list[str] = field(default_factory=list)
    """Mobiles of the run on the PBX whose employee could not be read."""


def compare(client: PbxClient, rows: list[LedgerRow], findings: Findings) -> None:
    for row in rows:
        employee = client.employee(row.extension_id) if row.extension_id else None
        if employee is None:
            findings.missing.append(row)
            continue
        changes = [
            f"{name} {getattr(row, name)!r} in the ledger, {getattr(employee, name)!r} on the PBX"
            for name in COMPARED
            if getattr(row, name) != getattr(employee, name)
        ]
        if changes:
            findings.differing.append((row, changes))
        else:
            findings.as_recorded += 1


def find_unconfirmed(client: PbxClient, ledgers: Ledgers, seed: int, findings: Findings) -> None:
    """The PBX's mobiles that this run's bijection made, whose employees the ledger lacks."""
    pool = MobilePool(seed)
    recorded = {row.mobile for row in ledgers.rows}
    indices = [pool.index_of(row.mobile) for row in ledgers.rows]
    bound = max((i for i in indices if i is not None), default=-1) + 1 + INDEX_SLACK
    candidates = {
        mobile
        for mobile in client.mobiles() - recorded
        if (index := pool.index_of(mobile)) is not None and index < bound
    }
    found = client.find_by_mobile(candidates, [row.extension_id for row in ledgers.rows])
    for mobile in sorted(candidates):
        employee = found.get(mobile)
        if employee is None:
            findings.unlocated.append(mobile)
        elif index_of_email(employee.email) == pool.index_of(mobile):
            findings.unconfirmed.append(employee)
        # else: a mobile from someone else's run that maps into our indices by chance
    findings.unconfirmed.sort(key=lambda e: (len(e.number), e.number))


def adopt(ledgers: Ledgers, employees: list[Employee], seed: int) -> None:
    """Append the unconfirmed employees to the first ledger, as the run would have."""
    api = ledgers.manifest.api if ledgers.manifest else "legacy"
    ledger = Ledger(ledgers.paths[0])
    try:
        for employee in employees:
            ledger.record(
                LedgerRow(
                    run_id=ledgers.run_id,
                    time=utc_now(),
                    api=api,
                    extension_id=employee.extension_id,
                    user_id=employee.user_id,
                    number=employee.number,
                    username=employee.username,
                    email=employee.email,
                    mobile=employee.mobile,
                    locale=_locale(ledgers, employee.mobile, seed),
                )
            )
    finally:
        ledger.close()


def _locale(ledgers: Ledgers, mobile: str, seed: int) -> str:
    """The run's locale whose prefix made this mobile (a shared prefix gives the first)."""
    pool = MobilePool(seed)
    index = pool.index_of(mobile)
    locales = (
        ledgers.manifest.locales if ledgers.manifest else sorted({r.locale for r in ledgers.rows})
    )
    return next(
        (loc for loc in locales if index is not None and pool.mobile(index, loc) == mobile), ""
    )
