"""Profile of one `mkdocs serve` rebuild after a data edit, at a scale of the synthetic lab.

    .venv/bin/python benchmarks/preview_profile.py [--scale 40] [--edit person|paper|venue|news] [--top 15]

It does in one process what `mkdocs serve` does on a change (MkDocs' `serve` builder: load the
configuration, `build` with the serve address, the plugins started once as `serve`): a first build,
then the edit, then one rebuild under cProfile, whose top entries (by own time and by cumulative
time) it prints with the rebuild's wall-clock time. It prints figures and asserts nothing.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tests"))

from scale import EDITS, synthetic_lab  # noqa: E402
from sitebuild import copy_project  # noqa: E402

SERVE_URL = "http://127.0.0.1:8000/"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=int, default=40)
    parser.add_argument("--edit", choices=sorted(EDITS), default="person")
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--dump", type=Path, help="also write the profile to this file (pstats)")
    parser.add_argument("--times", action="store_true", help="no profile: time a rebuild after each kind of edit")
    args = parser.parse_args()
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "empty").mkdir()
        project = copy_project(Path(tmp) / "project", data=Path(tmp) / "empty")
        synthetic_lab(project, args.scale)
        os.chdir(project)
        sys.path.insert(0, str(project))  # the copy's own code, as `python -m mkdocs` in it would import

        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        site_dir = Path(tmp) / "served"

        def config():
            loaded = load_config(config_file="mkdocs.yml", site_dir=str(site_dir))
            loaded.site_url = SERVE_URL
            return loaded

        first = config()
        first.plugins.on_startup(command="serve", dirty=False)
        build(first, serve_url=SERVE_URL)
        if args.times:
            for name, edit in EDITS.items():
                edit.apply(project)
                started, cpu = time.perf_counter(), time.process_time()
                build(config(), serve_url=SERVE_URL)
                wall, cpu = time.perf_counter() - started, time.process_time() - cpu
                print(f"rebuild after a {name} edit at {args.scale}x: {wall:.2f} s ({cpu:.2f} s of CPU)")
            return
        EDITS[args.edit].apply(project)
        profiler = cProfile.Profile()
        started, cpu = time.perf_counter(), time.process_time()
        profiler.enable()
        build(config(), serve_url=SERVE_URL)
        profiler.disable()
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu
        first.plugins.on_shutdown()
        if args.dump:
            profiler.dump_stats(args.dump)
        print(f"rebuild after a {args.edit} edit at {args.scale}x, under cProfile: {wall:.2f} s ({cpu:.2f} s of CPU)")
        for order in ("tottime", "cumulative"):
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).strip_dirs().sort_stats(order).print_stats(args.top)
            text = out.getvalue()
            print(text[text.find("   ncalls") :])


if __name__ == "__main__":
    main()
