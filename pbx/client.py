"""Reading and deleting employees on a PBX, for the tools: one interface, one class per API.

`open_client` signs in once and gives the client of the run's API:
`pbx.legacy_client.LegacyClient` or `pbx.v3_client.V3Client`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

import requests

from pbx.auth import AuthError, Credentials, sign_in

APIS = ("legacy", "v3")


class PbxError(RuntimeError):
    """The PBX could not be read or changed: the message is the one line the user sees."""


@dataclass(frozen=True)
class Employee:
    """An employee as the PBX holds it: the fields the ledger records."""

    extension_id: str
    """The id the API reads and deletes it by, as the ledger records it:
    m_Extensions.id of its SIP extension (legacy), m_Users.id (v3)."""
    user_id: str
    number: str
    username: str
    email: str
    mobile: str


class PbxClient(Protocol):
    api: str
    host: str

    def __init__(self, session: requests.Session, host: str, credentials: Credentials) -> None: ...

    def mobiles(self) -> set[str]:
        """Every mobile number the PBX's employees hold."""
        ...

    def employee(self, extension_id: str) -> Employee | None:
        """The employee of this extension id, or None when the PBX has none."""
        ...

    def find_by_mobile(self, mobiles: set[str], near: Iterable[str]) -> dict[str, Employee]:
        """The employees holding these mobiles; `near` are ids of the same run, as hints."""
        ...

    def delete(self, employee: Employee) -> None:
        """Delete the whole employee (user, extensions, SIP account, forwarding)."""
        ...


def open_client(api: str, host: str, credentials: Credentials) -> PbxClient:
    """A signed-in client of `api` on `host`; raises PbxError with one line on failure."""
    session = requests.Session()
    host = host.rstrip("/")
    try:
        sign_in(session, host, credentials, api)
    except AuthError as error:
        raise PbxError(str(error)) from None
    # Imported here: both clients build on this module's Employee and PbxError.
    from pbx.legacy_client import LegacyClient
    from pbx.v3_client import V3Client

    clients: dict[str, type[PbxClient]] = {"legacy": LegacyClient, "v3": V3Client}
    if api not in clients:
        raise PbxError(f"unknown API {api!r}: give --api legacy or --api v3")
    return clients[api](session, host, credentials)
