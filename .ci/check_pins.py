"""Fail loudly when constraints.txt no longer describes what the tests run on.

Checks, in the environment CI just installed:
1. pyproject.toml's dependency declarations are the ones constraints.txt was made from;
2. every distribution zhize[test] needs (the whole requirement tree, markers evaluated) is pinned;
3. each is installed at exactly its pinned version (pip honoured the constraints);
4. `pip check` finds no broken requirement.

    python .ci/check_pins.py
"""

from __future__ import annotations

import subprocess
import sys
from importlib import metadata

from packaging.requirements import Requirement
from pins import CONSTRAINTS, REFRESH, UNPINNED, canonical, dependencies_digest, read_pins


def requirement_tree(root: str = "zhize", extras: frozenset[str] = frozenset({"test"})) -> set[str]:
    """Canonical names of every distribution `root[extras]` needs on this machine."""
    seen: set[str] = set()
    todo = [(root, extras)]
    while todo:
        name, wanted = todo.pop()
        try:
            requires = metadata.requires(name) or []
        except metadata.PackageNotFoundError:
            continue  # reported by the installed-version check
        for text in requires:
            req = Requirement(text)
            if req.marker and not any(req.marker.evaluate({"extra": e}) for e in (wanted or {""})):
                continue
            key = canonical(req.name)
            if key == "zhize":
                todo.append((req.name, frozenset(req.extras)))
            elif key not in seen:
                seen.add(key)
                todo.append((req.name, frozenset(req.extras)))
    return seen - UNPINNED


def problems() -> list[str]:
    pins, digest = read_pins()
    found = []
    if digest != dependencies_digest():
        found.append("pyproject.toml's dependencies changed since constraints.txt was made")
    for name in sorted(requirement_tree()):
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            found.append(f"{name} is needed but not installed")
            continue
        if name not in pins:
            found.append(f"{name} {installed} is needed but not pinned")
        elif pins[name] != installed:
            found.append(f"{name} is pinned at {pins[name]} but {installed} is installed")
    return found + broken_requirements(set(pins))


def broken_requirements(ours: set[str]) -> list[str]:
    """`pip check` lines about our distributions (a shared machine may hold unrelated broken ones)."""
    done = subprocess.run([sys.executable, "-m", "pip", "check"], capture_output=True, text=True)
    lines = done.stdout.splitlines() if done.returncode else []
    return [f"pip check: {line}" for line in lines if line and canonical(line.split()[0]) in ours | {"zhize"}]


def main() -> None:
    found = problems()
    if found:
        print(f"STALE PINS in {CONSTRAINTS.name}:", file=sys.stderr)
        for line in found:
            print(f"  - {line}", file=sys.stderr)
        print(f"Refresh them on purpose with: {REFRESH}", file=sys.stderr)
        sys.exit(1)
    print(f"{CONSTRAINTS.name}: every requirement of zhize[test] is pinned and installed at its pin")


if __name__ == "__main__":
    main()
