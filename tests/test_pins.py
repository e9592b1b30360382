"""constraints.txt matches pyproject.toml: every declared dependency is pinned inside its range."""

from __future__ import annotations

import sys
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / ".ci"))

import pins  # noqa: E402


def declared_requirements() -> list[Requirement]:
    declared = pins.declared_dependencies()
    texts = declared["dependencies"] + [t for group in declared["optional"].values() for t in group]
    return [Requirement(t) for t in texts if not t.startswith("zhize")]


def test_constraints_were_made_from_todays_pyproject():
    _, digest = pins.read_pins()
    assert digest == pins.dependencies_digest(), f"stale constraints.txt: run {pins.REFRESH}"


def test_every_declared_dependency_is_pinned_inside_its_range():
    pinned, _ = pins.read_pins()
    outside = [f"{r.name}: {pinned.get(pins.canonical(r.name))} not in {r.specifier}"
               for r in declared_requirements()
               if pinned.get(pins.canonical(r.name)) is None or pinned[pins.canonical(r.name)] not in r.specifier]
    assert outside == []


def test_the_digest_sees_a_changed_range(tmp_path):
    changed = tmp_path / "pyproject.toml"
    changed.write_text((ROOT / "pyproject.toml").read_text(encoding="utf-8").replace(
        '"pytest>=8.3,<9.2"', '"pytest>=8.3"'), encoding="utf-8")
    assert pins.dependencies_digest(changed) != pins.dependencies_digest()


def test_pins_are_read_by_canonical_name(tmp_path):
    path = tmp_path / "constraints.txt"
    path.write_text(f"# a comment\n{pins.DEPS_LINE}abc\nPyYAML==6.0.2\ntyping_extensions==4.12\n", encoding="utf-8")
    assert pins.read_pins(path) == ({"pyyaml": "6.0.2", "typing-extensions": "4.12"}, "abc")
