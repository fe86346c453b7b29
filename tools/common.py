"""What the tools share: the ledger arguments, reading ledgers and manifest, one-line errors.

A tool names one run's ledgers (a distributed run writes one per worker); the PBX's
address and API come from the run manifest beside them unless `--host`/`--api` say otherwise.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections.abc import Callable
from dataclasses import dataclass

from pbx.auth import add_auth_arguments, credentials_from
from pbx.client import APIS, PbxClient, PbxError, open_client
from suite.ledger import LedgerRow, read_ledger
from suite.manifest import Manifest, read_manifest

EXIT_OK = 0
EXIT_OFF = 1
"""Something is off: reconcile found differences, cleanup left employees behind."""
EXIT_ERROR = 2
"""The tool could not do its work: a wrong host, wrong credentials, an unreadable ledger."""
EXIT_INTERRUPTED = 130


class ToolError(RuntimeError):
    """A reason the tool cannot run: the message is the one line the user sees."""


@dataclass(frozen=True)
class Ledgers:
    """The rows of one run's ledger files, and its manifest if one was written."""

    files: dict[str, list[LedgerRow]]
    """Each ledger file's rows, in the order given."""
    manifest: Manifest | None

    @property
    def paths(self) -> list[str]:
        return list(self.files)

    @property
    def rows(self) -> list[LedgerRow]:
        return [row for rows in self.files.values() for row in rows]

    @property
    def run_id(self) -> str:
        if self.manifest:
            return self.manifest.run_id
        return self.rows[-1].run_id if self.rows else ""


def add_common_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("ledger", nargs="+", help="the run's ledger CSV (one per worker: all)")
    parser.add_argument(
        "--host",
        default="",
        help="the PBX, e.g. http://127.0.0.1:8081 "
        "(default: the host in the run manifest beside the ledger)",
    )
    parser.add_argument("--api", choices=APIS, default="", help="default: the run's API")
    add_auth_arguments(parser)


def load_ledgers(paths: list[str]) -> Ledgers:
    files: dict[str, list[LedgerRow]] = {}
    manifest = None
    for path in paths:
        try:
            files[path] = read_ledger(path)
            manifest = manifest or read_manifest(path)
        except (OSError, UnicodeDecodeError, csv.Error, TypeError, ValueError) as error:
            reason = error.strerror if isinstance(error, OSError) else str(error)
            raise ToolError(f"cannot read the ledger {path}: {reason}") from None
    return Ledgers(files, manifest)


def connect(options: argparse.Namespace, ledgers: Ledgers) -> PbxClient:
    """The signed-in client of the run's PBX and API."""
    manifest = ledgers.manifest
    host = options.host or (manifest.host if manifest else "")
    if not host:
        raise ToolError("no PBX address: the ledger has no run manifest beside it; give --host")
    rows_api = ledgers.rows[0].api if ledgers.rows else ""
    api = options.api or (manifest.api if manifest else "") or rows_api or "legacy"
    return open_client(api, host, credentials_from(options))


def run_tool(main: Callable[[], int]) -> None:
    """Run a tool's main and exit with its code; errors and Ctrl-C become one line."""
    try:
        code = main()
    except (ToolError, PbxError) as error:
        sys.stderr.write(f"error: {error}\n")
        code = EXIT_ERROR
    except KeyboardInterrupt:
        sys.stderr.write("\ninterrupted\n")
        code = EXIT_INTERRUPTED
    sys.exit(code)
