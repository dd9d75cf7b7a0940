"""Scale benchmark: how build, check and preview times and page size grow with the size of a lab.

    .venv/bin/python benchmarks/scale.py [--scales 1,10,40] [--skip-serve] [--repeat 5]

For each scale it writes a synthetic lab (the seed site's counts times the scale: 51 papers,
19 people, 21 news items, 7 projects, 5 courses at 1x) into a temporary copy of the project and
prints one row: the first strict build of the fresh copy ("first s": it also compiles the copy's
Python to `.pyc`; compiled templates come from the user's cache when this machine has built the
same templates before, see `labsite/render/html.py`); the strict build time
("build s", median of `--repeat` builds after the first); the same pages as plain static Markdown
(no macros, no hooks) as the floor (median, its builds alternating with the project's); their
ratio; the data check time; under one `mkdocs serve`, the time from saving a data file to the
changed page being served, for each edit of `EDITS` in turn: a new interest in one person's file
("person s"), one paper's title in publications.yml ("paper s"), one venue's name in venues.yml
("venue s", seen on the publications page) and one news item's text ("news s"), each as wall-clock
seconds / the server's CPU seconds meanwhile; and the publications page's size (HTML, gzip = what
is transferred). "cpu ratio" is the build's CPU time over the floor's: on a machine shared with
other work, CPU time does not count the waits for a core, so it is the steadier figure.
`benchmarks/preview_profile.py` profiles one rebuild.
It prints figures and asserts nothing: targets live in the README and the issue notes.
"""

from __future__ import annotations

import argparse
import gzip
import os
import random
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from sitebuild import copy_project  # noqa: E402

RAW_FLOOR = True
"""The floor pages hold the built article HTML as it is (the same pages, made static); set False to
compare with the text alone as plain Markdown lists (less markup, a lower floor)."""
SEED = {"publications": 51, "people": 19, "news": 21, "projects": 7, "courses": 5, "venues": 25}
WORDS = [
    "adaptive",
    "scalable",
    "tensor",
    "graph",
    "quantum",
    "serving",
    "speculative",
    "pipeline",
    "kernel",
    "sparse",
    "learned",
    "distributed",
    "inference",
    "training",
    "compiler",
    "runtime",
    "memory",
    "cluster",
    "network",
    "parallel",
    "efficient",
]
FIRST = [
    "Ada",
    "Bo",
    "Cy",
    "Dee",
    "Eve",
    "Fay",
    "Gus",
    "Hal",
    "Ivy",
    "Jo",
    "Kai",
    "Lu",
    "Max",
    "Ned",
    "Oz",
    "Pia",
    "Quin",
    "Rex",
    "Sol",
    "Tia",
    "Uma",
    "Vic",
    "Wen",
    "Xu",
    "Yul",
    "Zed",
]
SYLLABLES = ["ba", "de", "fi", "go", "ku", "ly"]
"""Six syllables that differ from one another in both letters: two surnames built from them differ by
at least two letters, so no two synthetic people look alike to the data check's look-alike rules
(one letter apart, two swapped), as no two people of a real lab should."""


def distinct_names(count: int, rng: random.Random) -> list[str]:
    """`count` names, each with a surname of its own."""
    width = 1
    while len(SYLLABLES) ** width < count:
        width += 1
    base = len(SYLLABLES)
    surnames = ["".join(SYLLABLES[(k // base**j) % base] for j in range(width)) for k in range(count)]
    rng.shuffle(surnames)
    return [f"{rng.choice(FIRST)} {surname.capitalize()}" for surname in surnames]


def synthetic_lab(dest: Path, scale: int, seed: int = 7) -> None:
    """Write a valid data/ folder with the seed's counts times `scale`."""
    rng = random.Random(seed)
    n = {k: v * scale for k, v in SEED.items()}
    data = dest / "data"
    shutil.rmtree(data, ignore_errors=True)
    (data / "people").mkdir(parents=True)

    def dump(name: str, value: object) -> None:
        (data / name).write_text(yaml.safe_dump(value, sort_keys=False, allow_unicode=True))

    dump("site.yml", {"title": "Synthetic Lab", "description": "A generated lab for benchmarks."})
    venues = [
        {
            "id": f"V{i}",
            "name": f"Conference on {rng.choice(WORDS).title()} Systems {i}",
            "type": rng.choice(["conference", "journal", "workshop"]),
        }
        for i in range(n["venues"])
    ]
    dump("venues.yml", {"venues": venues})
    topics = [{"id": f"t{i}", "name": f"Topic {i}"} for i in range(6)]
    dump("topics.yml", {"topics": topics})
    names = distinct_names(n["people"] + 60 * scale, rng)
    outsiders = names[n["people"] :]
    people = []
    for i, name in enumerate(names[: n["people"]]):
        person_id = f"person-{i}"
        record: dict[str, object] = {"name": name, "degree": rng.choice(["PhD", "MS", "BS", "Postdoc"])}
        if i % 3 == 0:
            record["end"] = rng.randint(2010, 2024)
            record["now"] = "Engineer somewhere"
        (data / "people" / f"{person_id}.yml").write_text(yaml.safe_dump(record, sort_keys=False))
        people.append(name)
    projects = [
        {"id": f"project-{i}", "name": f"Project {i}", "description": " ".join(rng.choices(WORDS, k=30)) + "."}
        for i in range(n["projects"])
    ]
    dump("projects.yml", {"projects": projects})
    pubs = []
    for i in range(n["publications"]):
        authors = rng.sample(people, k=min(3, len(people))) + rng.sample(outsiders, k=4)
        pub = {
            "id": f"paper-{i}",
            "title": " ".join(rng.choices(WORDS, k=8)).capitalize() + f" {i}",
            "authors": ["Pat Principal", *authors],
            "venue": rng.choice(venues)["id"],
            "year": rng.randint(2005, 2026),
            "month": rng.randint(1, 12),
            "topics": [rng.choice(topics)["id"]],
            "projects": [rng.choice(projects)["id"]],
        }
        if i % 17 == 0:
            pub["awards"] = ["Best Paper Award"]
        pubs.append(pub)
    dump("publications.yml", {"publications": pubs})
    dump(
        "news.yml",
        {
            "news": [
                {"date": f"{rng.randint(2005, 2026)}", "text": " ".join(rng.choices(WORDS, k=14)) + "."}
                for _ in range(n["news"])
            ]
        },
    )
    dump(
        "teaching.yml",
        {
            "courses": [
                {
                    "number": f"10-{100 + i}",
                    "title": f"Course {i}",
                    "terms": [{"season": "fall", "year": 2020 + (i % 5)}],
                }
                for i in range(n["courses"])
            ]
        },
    )
    dump("awards.yml", {"awards": [{"name": f"Award {i}", "year": 2000 + i % 25} for i in range(5 * scale)]})
    dump(
        "profile.yml",
        {
            "name": "Pat Principal",
            "title": "Professor",
            "department": "Department of Examples",
            "university": "Example University",
            "email": "pat@example.org",
            "bio": "A synthetic bio.",
            "selected_publications": ["paper-0", "paper-1"],
            "selected_projects": ["project-0"],
        },
    )


def _env() -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


class Timing(NamedTuple):
    """Wall-clock seconds, and the CPU seconds the work itself took: on a machine shared with other
    work the second is the steadier figure (it does not count time spent waiting for a core)."""

    wall: float
    cpu: float


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _process_cpu(pid: int) -> float:
    """CPU seconds a running process has used (Linux), NaN where /proc is not there."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def timed_build(project: Path, config: str = "mkdocs.yml") -> Timing:
    started, cpu = time.perf_counter(), _children_cpu()
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", config, "-d", "site"],
        cwd=project,
        env=_env(),
        capture_output=True,
        text=True,
    )
    elapsed = Timing(time.perf_counter() - started, _children_cpu() - cpu)
    if done.returncode:
        raise SystemExit(f"build failed in {project}:\n{done.stdout}{done.stderr}")
    return elapsed


def as_markdown(article: str) -> str:
    """The text of a built article as plain Markdown: headings, list items and paragraphs."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(article, "lxml")
    lines = []
    for el in soup.find_all(["h1", "h2", "h3", "li", "p", "pre"]):
        if el.find_parent(["li", "pre"]) is not None:
            continue
        text = " ".join(el.get_text(" ").split()).replace("¶", "")
        if el.name.startswith("h"):
            lines.append("\n" + "#" * int(el.name[1]) + " " + text + "\n")
        elif el.name == "li":
            lines.append(f"- {text}")
        elif el.name == "pre":
            lines.append("\n```\n" + el.get_text() + "\n```\n")
        else:
            lines.append("\n" + text + "\n")
    return "\n".join(lines) + "\n"


def static_floor(project: Path) -> Path:
    """The same pages and text as plain Markdown files: what MkDocs + Material cost on their own."""
    floor = project.parent / "floor"
    shutil.rmtree(floor, ignore_errors=True)
    docs = floor / "docs"
    marker = '<article class="md-content__inner md-typeset">'
    for html in (project / "site").rglob("index.html"):
        rel = html.parent.relative_to(project / "site")
        text = html.read_text()
        start = text.find(marker)
        if start < 0:
            continue
        body = text[start + len(marker) : text.find("</article>", start)]
        target = docs / rel / "index.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(body if RAW_FLOOR else as_markdown(body))
    for static in ("stylesheets", "javascripts", "images"):
        if (project / "docs" / static).is_dir():
            shutil.copytree(project / "docs" / static, docs / static, dirs_exist_ok=True)
    shutil.copytree(project / "overrides", floor / "overrides")
    # the project's own configuration, less what makes pages from data: same theme, nav and assets
    config = yaml.safe_load((project / "mkdocs.yml").read_text())
    config.pop("hooks", None)
    config.pop("watch", None)
    config["plugins"] = ["search"]
    config["validation"] = {
        "omitted_files": "info",
        "unrecognized_links": "info",
        "anchors": "info",
        "not_found": "info",
    }
    (floor / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False))
    return floor


def paired_builds(project: Path, floor: Path, repeat: int) -> tuple[Timing, Timing]:
    """Median build and floor times over `repeat` rounds, each round one build of each.

    Both have been built once already (the project's first build also compiles its Python, and
    its templates if this machine never has, as a fresh clone's first build does); what follows
    is what each edit costs. Alternating the two keeps a slow spell of a busy machine from falling on one side,
    and the median keeps one slow run from deciding the ratio.
    """
    builds, floors = [], []
    for _ in range(repeat):
        builds.append(timed_build(project))
        floors.append(timed_build(floor))

    def median(timings: list[Timing]) -> Timing:
        return Timing(statistics.median(t.wall for t in timings), statistics.median(t.cpu for t in timings))

    return median(builds), median(floors)


def check_time(project: Path) -> float:
    code = (
        "import time, pathlib; from labsite.check import load_checked; from labsite.derive.views import Site; "
        "t = time.perf_counter(); s = Site(load_checked(pathlib.Path('.'))); s.warnings; print(time.perf_counter() - t)"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=project, capture_output=True, text=True, check=True)
    return float(done.stdout.strip())


@dataclass(frozen=True)
class Edit:
    """One edit the preview is timed on: a change to one data file, and the page that shows it."""

    file: str
    """The data file, relative to the project."""
    old: str
    new: str
    page: str
    """The page that shows the change, and the text it shows once changed."""
    marker: str

    def apply(self, project: Path) -> None:
        path = project / self.file
        text = path.read_text()
        if self.old not in text:
            raise SystemExit(f"{self.file} no longer holds {self.old!r}: update benchmarks/scale.py")
        path.write_text(text.replace(self.old, self.new, 1))


EDITS = {
    "person": Edit(
        "data/people/person-1.yml",
        "degree:",
        "interests: [Benchmarking rebuilds]\ndegree:",
        "people/person-1/",
        "Benchmarking rebuilds",
    ),
    "paper": Edit(
        "data/publications.yml",
        "- id: paper-1\n  title: ",
        "- id: paper-1\n  title: Rebuilt paper ",
        "publications/paper-1/",
        "Rebuilt paper",
    ),
    "venue": Edit(
        "data/venues.yml", "- id: V0\n  name: ", "- id: V0\n  name: Renamed venue ", "publications/", "Renamed venue"
    ),
    "news": Edit("data/news.yml", "  text: ", "  text: Breaking news ", "news/", "Breaking news"),
}
"""The kinds of edit a lab makes most, in the order they are timed under one `mkdocs serve`."""


def rebuild_times(project: Path) -> dict[str, Timing]:
    """Seconds from saving a data file to the preview serving the changed page, under one
    `mkdocs serve`, for each edit of `EDITS` in turn."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "--livereload"],
        cwd=project,
        env=_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}/"

    def body(path: str) -> str:
        try:
            with urllib.request.urlopen(base + path, timeout=60) as r:
                return r.read().decode()
        except OSError:
            return ""

    def served(path: str, marker: str, cpu: float) -> Timing:
        """From the edit to the page showing it; the server's CPU seconds meanwhile (its rebuild)."""
        started = time.perf_counter()
        while marker not in body(path):
            if time.perf_counter() - started > 600:
                return Timing(float("nan"), float("nan"))
            time.sleep(0.05)
        return Timing(time.perf_counter() - started, _process_cpu(server.pid) - cpu)

    try:
        deadline = time.monotonic() + 600
        while "person-1" not in body("people/person-1/") and time.monotonic() < deadline:
            time.sleep(0.2)
        times = {}
        for name, edit in EDITS.items():
            time.sleep(1.5)
            cpu = _process_cpu(server.pid)
            edit.apply(project)
            times[name] = served(edit.page, edit.marker, cpu)
        return times
    finally:
        server.terminate()
        server.wait(timeout=20)


def page_size(project: Path) -> tuple[int, int]:
    html = (project / "site/publications/index.html").read_bytes()
    return len(html), len(gzip.compress(html, 6))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scales", default="1,10,40")
    parser.add_argument("--skip-serve", action="store_true", help="do not measure the rebuild under mkdocs serve")
    parser.add_argument("--repeat", type=int, default=5, help="rounds of build and floor after the first (median)")
    args = parser.parse_args()
    scales = [int(s) for s in args.scales.split(",")]
    header = (
        f"{'scale':>5} {'papers':>6} {'pages':>6} {'first s':>8} {'build s':>8} {'floor s':>8} {'ratio':>6} "
        f"{'cpu ratio':>9} {'check s':>8} "
        + " ".join(f"{name + ' s/cpu':>12}" for name in EDITS)
        + f" {'pubs KB':>8} {'gzip KB':>8}"
    )
    print(header)
    rows = []
    for scale in scales:
        with tempfile.TemporaryDirectory() as tmp:
            (Path(tmp) / "empty").mkdir()
            project = copy_project(Path(tmp) / "project", data=Path(tmp) / "empty")
            synthetic_lab(project, scale)
            first = timed_build(project)
            pages = sum(1 for _ in (project / "site").rglob("index.html"))
            floor_project = static_floor(project)
            timed_build(floor_project)
            build, floor = paired_builds(project, floor_project, args.repeat)
            check = check_time(project)
            unmeasured = Timing(float("nan"), float("nan"))
            preview = {name: unmeasured for name in EDITS} if args.skip_serve else rebuild_times(project)
            raw, zipped = page_size(project)
            rows.append((scale, build.wall))
            edits = " ".join(f"{f'{preview[name].wall:.2f}/{preview[name].cpu:.2f}':>12}" for name in EDITS)
            print(
                f"{scale:>5} {SEED['publications'] * scale:>6} {pages:>6} {first.wall:>8.2f} {build.wall:>8.2f} "
                f"{floor.wall:>8.2f} {build.wall / floor.wall:>6.2f} {build.cpu / floor.cpu:>9.2f} "
                f"{check:>8.3f} {edits} {raw / 1024:>8.0f} {zipped / 1024:>8.0f}",
                flush=True,
            )
    if len(rows) > 1:
        (s0, t0), (s1, t1) = rows[0], rows[-1]
        print(f"growth: {s1 / s0:.0f}x the data took {t1 / t0:.1f}x the build time")


if __name__ == "__main__":
    main()
