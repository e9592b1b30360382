"""Refresh constraints.txt on purpose: resolve today's newest releases within pyproject's ranges.

    python .ci/refresh_pins.py            # fresh venv, install .[dev] unpinned, run the tests, write pins
    python .ci/refresh_pins.py --no-tests # write the pins without running the tests first

The pins are written only when the tests pass in the fresh environment, so a new release that
breaks us (as pytest 9.2 once did) shows up here, on purpose, and not on a user's machine.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

from pins import CONSTRAINTS, DEPS_LINE, REFRESH, ROOT, UNPINNED, canonical, dependencies_digest


def run(*command: str, cwd: Path = ROOT) -> str:
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{done.stdout[-4000:]}\n{done.stderr[-4000:]}")
    return done.stdout


def fresh_environment(folder: Path) -> Path:
    venv.EnvBuilder(with_pip=True).create(folder)
    python = folder / "bin" / "python"
    run(str(python), "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    run(str(python), "-m", "pip", "install", "--quiet", "-e", ".[dev]")
    return python


def frozen(python: Path) -> list[str]:
    lines = run(str(python), "-m", "pip", "freeze", "--exclude-editable", "--all").splitlines()
    keep = [line for line in lines if "==" in line and canonical(line.split("==")[0]) not in UNPINNED]
    return sorted(keep, key=lambda line: canonical(line.split("==")[0]))


def write_constraints(pins: list[str]) -> None:
    header = [
        "# Exact versions for the tests and CI (CPython 3.11 on Linux). Generated; do not edit by hand.",
        f"# Refresh on purpose: {REFRESH}",
        f"{DEPS_LINE}{dependencies_digest()}",
    ]
    CONSTRAINTS.write_text("\n".join(header + pins) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--no-tests", action="store_true", help="do not run the tests before writing")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="zhize-pins-") as tmp:
        python = fresh_environment(Path(tmp) / "venv")
        if not args.no_tests:
            done = subprocess.run([str(python), "-m", "pytest", "-q", "-x"], cwd=ROOT)
            if done.returncode != 0:
                sys.exit("tests failed on today's releases: constraints.txt left unchanged. Narrow the range in "
                         "pyproject.toml for the package that broke, then refresh again.")
        pins = frozen(python)
    write_constraints(pins)
    print(f"constraints.txt: {len(pins)} pins written")


if __name__ == "__main__":
    main()
