"""The verbs of the Makefile do what README says they do."""

from __future__ import annotations

import subprocess

from sitebuild import ROOT


def test_make_bench_runs_every_scale_by_default_and_one_when_told():
    def command(*args: str) -> str:
        done = subprocess.run(
            ["make", "--no-print-directory", "-n", "bench", *args], cwd=ROOT, capture_output=True, text=True, check=True
        )
        return done.stdout.strip().splitlines()[-1]

    assert command().endswith("benchmarks/scale.py --scales 1,10,40")
    assert command("SCALES=1").endswith("benchmarks/scale.py --scales 1")
