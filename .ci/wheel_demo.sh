#!/usr/bin/env bash
# A user's install, not a developer's: build the wheel, install it into a fresh virtual environment
# outside the checkout, run `zhize demo` from an empty folder, and check that the demo store's
# ledger holds the demo's findings and that the next steps were printed.
#
#   bash .ci/wheel_demo.sh             (from anywhere; uses the repository this file is in)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
python="${PYTHON:-python3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$python" -m pip wheel --quiet --disable-pip-version-check --no-deps -w "$work/dist" "$root"
"$python" -m venv "$work/venv"
"$work/venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    -c "$root/constraints.txt" "$work"/dist/zhize-*.whl

mkdir "$work/elsewhere"
cd "$work/elsewhere"
out="$("$work/venv/bin/zhize" demo)"
echo "$out" | tail -8
echo "$out" | grep -q "下一步" || { echo "wheel demo: no next steps printed" >&2; exit 1; }
test -f zhize-demo.db || { echo "wheel demo: no demo store in the working folder" >&2; exit 1; }

count="$("$work/venv/bin/zhize" findings list --store zhize-demo.db --json \
    | "$work/venv/bin/python" -c 'import json, sys; print(len(json.load(sys.stdin)["findings"]))')"
if [ "$count" -lt 1 ]; then
    echo "wheel demo: the demo store's ledger is empty" >&2
    exit 1
fi
echo "wheel demo: installed from the wheel outside the checkout; ledger holds $count findings"
