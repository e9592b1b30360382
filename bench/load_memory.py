"""Peak memory of `zhize load` on a large JSON Lines file: it streams, so the peak should not grow
with the file (issue 12: 96 MB of JSONL took 1.28 GB when the file was read whole).

    python bench/load_memory.py [--mb 96]

Writes a JSONL file of about `--mb` MB (copies of the example 三定 extract, each with its own
sha256 and department), loads it into a new store in a child process, and prints the child's
peak RSS next to the file size.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "docs" / "examples" / "extract-sanding.json"


def write_jsonl(path: Path, megabytes: float) -> int:
    template = EXAMPLE.read_text(encoding="utf-8")
    written = count = 0
    with path.open("w", encoding="utf-8") as out:
        while written < megabytes * 1024 * 1024:
            text = template.replace("岚川县", f"第{count}县")
            data = json.loads(text)
            data["document"]["sha256"] = hashlib.sha256(str(count).encode()).hexdigest()
            line = json.dumps(data, ensure_ascii=False) + "\n"
            out.write(line)
            written += len(line.encode("utf-8"))
            count += 1
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=float, default=96)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "big.jsonl"
        documents = write_jsonl(data, args.mb)
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", "from zhize.api.cli import main; main()", "load", str(data),
                               "--store", str(Path(tmp) / "big.db")], capture_output=True, text=True)
        seconds = time.perf_counter() - started
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        size_mb = data.stat().st_size / 1024 / 1024
    assert done.returncode == 0, done.stderr
    print(f"JSONL {size_mb:.0f} MB, {documents} documents: zhize load peak RSS {peak_mb:.0f} MB, {seconds:.0f} s")


if __name__ == "__main__":
    main()
