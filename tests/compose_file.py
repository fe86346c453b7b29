"""docker-compose.yml read as Compose reads it: merged anchors, ${VAR:-default}, pass-through.

Enough of the Compose Specification to turn a service into the command line and the
environment its container would get, so a test can run them as local processes.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

IMAGE_ENTRYPOINT = ("locust",)
"""The entrypoint of locustio/locust, which the suite's Dockerfile keeps."""
_VARIABLE = re.compile(r"\$\$|\$\{(\w+)(?:(:?-)([^}]*))?\}|\$(\w+)")


def load(path: Path) -> dict[str, Any]:
    """The file as data, with YAML merge keys (<<: *anchor) applied."""
    return YAML(typ="safe").load(path)


def interpolate(text: str, shell: Mapping[str, str]) -> str:
    """Compose's interpolation: $VAR, ${VAR}, ${VAR:-default}, ${VAR-default}, $$."""

    def value(match: re.Match[str]) -> str:
        if match.group(0) == "$$":
            return "$"
        name = match.group(1) or match.group(4)
        operator, default, current = match.group(2), match.group(3), shell.get(name)
        if (operator == ":-" and not current) or (operator == "-" and current is None):
            return default
        return current or ""

    return _VARIABLE.sub(value, text)


def argv(service: Mapping[str, Any], shell: Mapping[str, str]) -> list[str]:
    """Entrypoint and command of a service's container, interpolated and split."""
    return _words(service.get("entrypoint", list(IMAGE_ENTRYPOINT)), shell) + _words(
        service.get("command", []), shell
    )


def environment(service: Mapping[str, Any], shell: Mapping[str, str]) -> dict[str, str]:
    """A service's container environment; a bare name passes the shell's value on, if any."""
    entries = service.get("environment", [])
    if isinstance(entries, Mapping):
        pairs = [(name, None if v is None else str(v)) for name, v in entries.items()]
    else:
        pairs = [(e.split("=", 1)[0], e.split("=", 1)[1] if "=" in e else None) for e in entries]
    result = {}
    for name, value in pairs:
        if value is not None:
            result[name] = interpolate(value, shell)
        elif name in shell:
            result[name] = shell[name]
    return result


def bind_mounts(service: Mapping[str, Any]) -> dict[str, str]:
    """Container path → host path of a service's short-syntax bind mounts."""
    mounts = {}
    for volume in service.get("volumes", []):
        source, target = volume.split(":")[:2]
        mounts[target] = source
    return mounts


def _words(value: str | list[Any], shell: Mapping[str, str]) -> list[str]:
    if isinstance(value, str):
        return shlex.split(interpolate(value, shell))
    return [interpolate(str(word), shell) for word in value]
