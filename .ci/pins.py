"""Shared by refresh_pins.py and check_pins.py: what constraints.txt pins, and what it was made from.

constraints.txt holds one exact version (`name==version`) for every distribution that
`pip install -e ".[dev]"` brings in, resolved on Linux for CPython 3.11, and a header line with the
sha256 of the dependency declarations in pyproject.toml at the time it was made. A change to those
declarations without a refresh is a stale pin, and CI says so.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONSTRAINTS = ROOT / "constraints.txt"
DEPS_LINE = "# pyproject-dependencies-sha256: "
REFRESH = "python .ci/refresh_pins.py"
# Installer tooling is not pinned: it is whatever the machine's Python brings.
UNPINNED = {"pip", "setuptools", "wheel", "zhize"}


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def declared_dependencies(pyproject: Path = ROOT / "pyproject.toml") -> dict:
    """The parts of pyproject.toml that decide what gets installed."""
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    return {"dependencies": project.get("dependencies", []),
            "optional": project.get("optional-dependencies", {}),
            "python": project.get("requires-python", "")}


def dependencies_digest(pyproject: Path = ROOT / "pyproject.toml") -> str:
    declared = declared_dependencies(pyproject)
    text = repr((declared["dependencies"], sorted(declared["optional"].items()), declared["python"]))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_pins(path: Path = CONSTRAINTS) -> tuple[dict[str, str], str | None]:
    """({canonical name: version}, recorded digest or None)."""
    pins, digest = {}, None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith(DEPS_LINE):
            digest = line[len(DEPS_LINE):].strip()
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, version = line.partition("==")
            pins[canonical(name)] = version.strip()
    return pins, digest
