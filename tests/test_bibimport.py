"""BibTeX in: `import-bib` adds only new papers, maps venues, keeps every existing line and comment."""

from __future__ import annotations

import subprocess
import sys

import yaml

from labsite.check import load_checked

BIB = r"""
@inproceedings{dup-title,
  title = {{WIDGETS}: a study of {I}maginary things},
  author = {Tern, Bo and Quill, Ada},
  booktitle = {Proceedings of the Conference on Foo (FOO)},
  year = {2023}
}
@article{dup-doi,
  title = {Completely Different Title},
  author = {Quill, Ada},
  journal = {Journal of Bar},
  doi = {10.1234/fixture.4},
  year = {2022}
}
@inproceedings{new-known,
  title = {Caf{\'e} Widgets: {GPU} Kernels at Scale},
  author = {Quill, Ada and M{\"u}ller, J{\"o}rg and others},
  booktitle = {Proceedings of the 12th Conference on Foo},
  year = {2024},
  month = may,
  doi = {10.5555/new.1},
  url = {https://example.org/cafe.pdf}
}
@inproceedings{new-unknown,
  title = {Quantum Gadgets},
  author = {Lux, Dee and Quill, Ada},
  booktitle = {Symposium on Unheard-of Things (SUT)},
  year = {2025}
}
"""


def run(project, *args):
    bib = project / "import.bib"
    bib.write_text(BIB)
    return subprocess.run(
        [sys.executable, "-m", "labsite", "import-bib", str(bib), *args], cwd=project, capture_output=True, text=True
    )


def test_import_adds_new_papers_and_skips_existing_ones(fixture_project):
    path = fixture_project / "data/publications.yml"
    original = path.read_text()
    done = run(fixture_project)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "already present (same title): WIDGETS: a study of Imaginary things" in done.stdout
    assert "already present (same doi): Completely Different Title" in done.stdout
    assert (
        "could not map venue for 'Quantum Gadgets': 'Symposium on Unheard-of Things (SUT)'"
        " — added as a preprint; add the venue to data/venues.yml"
    ) in done.stdout
    assert "2 added, 2 already present, 1 venue(s) not mapped, 0 not imported." in done.stdout

    text = path.read_text()
    assert text.startswith(original.rstrip("\n"))  # every original line, comments included, unchanged and in order
    records = {p["title"]: p for p in yaml.safe_load(text)["publications"]}
    cafe = records["Café Widgets: GPU Kernels at Scale"]
    assert cafe["authors"] == ["Ada Quill", "Jörg Müller"] and cafe["et_al"] is True
    assert cafe["venue"] == "FOO" and cafe["year"] == 2024 and cafe["month"] == 5
    assert cafe["doi"] == "10.5555/new.1" and cafe["links"] == {"pdf": "https://example.org/cafe.pdf"}
    assert cafe["id"] == "cafe-widgets"
    gadgets = records["Quantum Gadgets"]
    assert gadgets["type"] == "preprint" and "venue" not in gadgets
    site = load_checked(fixture_project)
    assert len(site.publications) == 9  # the fixture lab's 7 papers and the 2 added


def test_importing_twice_adds_nothing_the_second_time(fixture_project):
    run(fixture_project)
    after_first = (fixture_project / "data/publications.yml").read_text()
    done = run(fixture_project)
    assert "0 added, 4 already present" in done.stdout
    assert (fixture_project / "data/publications.yml").read_text() == after_first


def test_dry_run_changes_nothing(fixture_project):
    before = (fixture_project / "data/publications.yml").read_text()
    done = run(fixture_project, "--dry-run")
    assert "would add: cafe-widgets" in done.stdout
    assert (fixture_project / "data/publications.yml").read_text() == before


BROKEN = r"""@inproceedings{fine,
  title = {A Fine Paper},
  author = {Quill, Ada},
  booktitle = {Conference on Foo},
  year = {2024}
}

@article{unclosed,
  title = {An Unclosed {Brace,
  author = {Tern, Bo},
  year = {2024}
}

@misc{no-year,
  title = {Undated Thoughts},
  author = {Nox, Eve}
}

@misc{fine,
  title = {Same Key Again},
  author = {Nox, Eve},
  year = {2023}
}

@article{roman-year,
  title = {Old Paper},
  author = {Nox, Eve},
  year = {MMXX}
}

@misc{odd-fields,
  title = {Odd Fields},
  author = {Nox, Eve},
  year = {2024},
  month = {Spring},
  doi = {doi:10.1234},
  url = {ftp://example.org/odd.pdf}
}
"""


def test_a_broken_entry_is_reported_with_its_line_and_counted_in_the_summary(fixture_project):
    bib = fixture_project / "broken.bib"
    bib.write_text(BROKEN)
    lines = BROKEN.splitlines()

    def line_of(needle: str) -> int:
        return next(n for n, line in enumerate(lines, 1) if needle in line)

    done = subprocess.run(
        [sys.executable, "-m", "labsite", "import-bib", str(bib), "--dry-run"],
        cwd=fixture_project,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout
    assert "would add: a-fine-paper — A Fine Paper" in out
    assert f"{bib}:{line_of('@article{unclosed')}: not imported: a BibTeX syntax error" in out
    assert f"{bib}:{line_of('@misc{no-year')}: not imported: 'Undated Thoughts': it has no year" in out
    assert f"{bib}:{line_of('title = {Same Key') - 1}: not imported: its key 'fine' is used by an earlier entry" in out
    assert f"{bib}:{line_of('@article{roman-year')}: not imported: 'Old Paper': its year 'MMXX' is not a number" in out
    odd = f"{bib}:{line_of('@misc{odd-fields')}: 'Odd Fields' imported without"
    assert f"{odd} its month 'Spring' (not a month)" in out
    assert f"{odd} its doi 'doi:10.1234' (not a DOI like 10.1234/abc)" in out
    assert f"{odd} its url 'ftp://example.org/odd.pdf' (not an http(s) link)" in out
    assert out.strip().splitlines()[-1] == (
        "2 would be added, 0 already present, 0 venue(s) not mapped, 4 not imported (see above)."
    )
    assert "Traceback" not in out + done.stderr


def test_a_bib_file_that_is_not_utf8_is_refused_without_a_traceback(fixture_project):
    bib = fixture_project / "latin1.bib"
    bib.write_bytes("@misc{x, title={Caf\xe9}, author={A, B}, year={2020}}".encode("latin-1"))
    done = subprocess.run(
        [sys.executable, "-m", "labsite", "import-bib", str(bib)], cwd=fixture_project, capture_output=True, text=True
    )
    assert done.returncode == 1
    assert "is not UTF-8 text" in done.stderr and "Traceback" not in done.stderr
