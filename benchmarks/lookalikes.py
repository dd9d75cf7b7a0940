"""Look-alike benchmark: the data check on a lab whose outside authors are all one letter apart.

    .venv/bin/python benchmarks/lookalikes.py [--sizes 1000,5000] [--timeout 300]

The worst case of the look-alike author rules: N outside authors who share a first name and whose
surnames differ in one last letter, so every pair of them looks alike (N·(N-1)/2 pairs), in papers
of 20 authors each, added to a copy of the fixture lab. For each N it prints one row: the time
of the whole check (`load_checked`: read, validate, every rule), the peak memory of the process
(its maximum resident set), and how many warnings the check gives. Each N runs in a fresh process,
so one peak does not hide another; a run past `--timeout` is printed as such. It asserts nothing.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_DATA = ROOT / "tests" / "fixture_lab" / "data"
PER_PAPER = 20


def look_alike_authors(n: int) -> list[str]:
    """N names one letter apart: one first name, one surname and a last letter of its own (CJK
    ideographs, of which there are thousands, so any N fits)."""
    return [f"Jordan Bakerfield{chr(0x4E00 + i)}" for i in range(n)]


def write_lab(dest: Path, n: int) -> Path:
    """A copy of the fixture lab's data with N look-alike authors in extra papers."""
    data = dest / "data"
    shutil.copytree(FIXTURE_DATA, data)
    path = data / "publications.yml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    authors = look_alike_authors(n)
    for k in range(0, n, PER_PAPER):
        doc["publications"].append(
            {
                "id": f"bench-{k // PER_PAPER}",
                "title": f"Benchmark paper {k // PER_PAPER}",
                "authors": authors[k : k + PER_PAPER],
                "venue": "FOO",
                "year": 2020,
            }
        )
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return dest


def measure(n: int) -> None:
    """Check one lab of N look-alike authors in this process and print its row's figures."""
    sys.path.insert(0, str(ROOT))
    from labsite.check import load_checked

    with tempfile.TemporaryDirectory() as tmp:
        root = write_lab(Path(tmp), n)
        start = time.perf_counter()
        data = load_checked(root)
        seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{seconds:.2f}\t{peak_mb:.0f}\t{len(data.warnings)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,5000", help="comma-separated numbers of look-alike authors")
    parser.add_argument("--timeout", type=float, default=300, help="seconds before a run is given up")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # the child process: one size
    args = parser.parse_args()
    if args.one is not None:
        measure(args.one)
        return
    print(f"{'authors':>8} {'check s':>8} {'peak MB':>8} {'warnings':>9}")
    for n in (int(s) for s in args.sizes.split(",")):
        try:
            run = subprocess.run(
                [sys.executable, __file__, "--one", str(n)],
                capture_output=True,
                text=True,
                timeout=args.timeout,
                check=False,
            )
        except subprocess.TimeoutExpired:
            print(f"{n:>8} {'> ' + str(int(args.timeout)):>8} {'-':>8} {'-':>9}")
            continue
        if run.returncode:
            print(f"{n:>8} failed: {run.stderr.strip().splitlines()[-1:]}")
            continue
        seconds, peak, warnings = run.stdout.split()
        print(f"{n:>8} {float(seconds):>8.2f} {peak:>8} {warnings:>9}")


if __name__ == "__main__":
    main()
