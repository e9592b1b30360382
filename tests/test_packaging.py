"""The wheel carries every package: the packages listed in pyproject.toml are exactly our folders."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = ("graph", "ingest", "queries", "api")


def listed_packages() -> set[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    return set(config["packages"])


def package_folders(root: Path = ROOT) -> set[str]:
    found = set()
    for folder in FOLDERS:
        for init in (root / folder).rglob("__init__.py"):
            found.add("zhize." + ".".join(init.parent.relative_to(root).parts))
    return found


def test_every_package_folder_is_listed_for_the_wheel():
    assert package_folders() - listed_packages() == set()


def test_every_listed_package_exists():
    assert listed_packages() - package_folders() == {"zhize.demo_corpus"}


def test_a_new_subpackage_is_noticed(tmp_path):
    (tmp_path / "ingest" / "newpart").mkdir(parents=True)
    (tmp_path / "ingest" / "newpart" / "__init__.py").write_text("", encoding="utf-8")
    assert package_folders(tmp_path) == {"zhize.ingest.newpart"}
