"""publications.bib through TeX's own clients, as an author citing the lab would run them: bibtex with
the plain and plainnat styles, biblatex with biber, each in a small document compiled by pdflatex
that cites every entry. Needs Debian's TeX packages (scripts/system-deps.sh installs them)."""

from __future__ import annotations

import calendar
import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from sitebuild import FIXTURE_DATA, build, copy_project

from labsite.render import bibtex
from labsite.site import load_site

STYLES = ("plain", "plainnat", "biblatex")

# A paper whose title and authors hold accents and every character LaTeX treats specially (and an
# author whose name holds BibTeX's own separators, " and " and a comma), and whose DOI and URL hold
# `_` and `%` (the URL also a brace, and longer than BibTeX's 79-character lines).
PLANTED_TITLE = "Café Ünïcode & 100% of $5 for snake_case {braces}: a stray } brace ~ ^ # \\ ñ ç ő ą"
PLANTED_AUTHORS = ["Léon Bottou", "Zoë Ærø-Łukasz", "José Ñúñez_{Jr} & 100% $", "Procter and Gamble, Inc."]
PLANTED_DOI = "10.1234/ab_c%20d"
PLANTED_URL = "https://example.org/files/a_b%20c/a-path-long-enough-to-pass-seventy-nine-characters/final_v2.pdf?x={y}"
PLANTED = f"""
  - id: planted-specials
    title: {json.dumps(PLANTED_TITLE)}
    authors: {json.dumps(PLANTED_AUTHORS)}
    doi: {json.dumps(PLANTED_DOI)}
    venue: FOO
    year: 2024
    month: 4
    links: {{pdf: {json.dumps(PLANTED_URL)}}}
"""


@dataclass
class Typeset:
    """What the TeX run left behind: the bibliography TeX read (.bbl) and the bibliography tool's log."""

    bbl: str
    blg: str


def _run(command: list[str], cwd: Path) -> None:
    tool = shutil.which(command[0])
    assert tool, f"{command[0]} is missing: run scripts/system-deps.sh (Debian's TeX packages)"
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, errors="replace", timeout=300)
    log = (cwd / "doc.log").read_text(errors="replace") if command[0] == "pdflatex" else ""
    assert done.returncode == 0, f"{' '.join(command)} exited {done.returncode}\n{done.stdout[-3000:]}\n{log[-3000:]}"


def _placeholders(bib: str) -> str:
    """pdflatex sets Latin scripts only: a character it has no definition for (Chinese, Arabic, a
    Vietnamese letter with two accents) prints as '?' here, as it would once a document loads the
    script's package. Everything LaTeX knows is left alone, so it is really typeset."""
    chars = sorted({ch for ch in bib if not ch.isascii()})
    tests = [
        f"\\ifcsname u8:\\detokenize{{{ch}}}\\endcsname\\else\\DeclareUnicodeCharacter{{{ord(ch):04X}}}{{?}}\\fi"
        for ch in chars
    ]
    return "\n".join(tests)


def typeset(bib_file: Path, work: Path, style: str) -> Typeset:
    """Cite every entry (\\nocite{*}) in `style` ('plain', 'plainnat' or 'biblatex'), compile as an
    author would (pdflatex, bibtex or biber, pdflatex), and fail on any non-zero exit."""
    work.mkdir(parents=True)
    bib = bib_file.read_text(encoding="utf-8")
    (work / "publications.bib").write_text(bib, encoding="utf-8")
    if style == "biblatex":
        packages = "\\usepackage[backend=biber]{biblatex}\n\\addbibresource{publications.bib}"
        bibliography = "\\printbibliography"
    else:
        packages = "\\usepackage{url}" + ("\n\\usepackage{natbib}" if style == "plainnat" else "")
        bibliography = f"\\bibliographystyle{{{style}}}\n\\bibliography{{publications}}"
    (work / "doc.tex").write_text(
        "\\documentclass{article}\n\\usepackage[T1]{fontenc}\n"
        f"{packages}\n{_placeholders(bib)}\n"
        f"\\begin{{document}}\n\\nocite{{*}}\n{bibliography}\n\\end{{document}}\n",
        encoding="utf-8",
    )
    pdflatex = ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "doc.tex"]
    _run(pdflatex, work)
    _run(["biber", "doc"] if style == "biblatex" else ["bibtex", "doc"], work)
    _run(pdflatex, work)
    return Typeset(
        (work / "doc.bbl").read_text(encoding="utf-8", errors="replace"),
        (work / "doc.blg").read_text(encoding="utf-8", errors="replace"),
    )


def warnings(run: Typeset) -> list[str]:
    """BibTeX's warnings start with 'Warning--'; biber's lines say WARN or ERROR."""
    return [
        line for line in run.blg.splitlines() if line.startswith("Warning--") or re.search(r"\b(WARN|ERROR)\b", line)
    ]


def item(run: Typeset, key: str) -> str:
    """One entry of a bibtex-made .bbl, its lines joined as TeX reads them."""
    text = run.bbl.split(f"{{{key}}}", 1)[1].split("\\bibitem", 1)[0]
    return " ".join(text.split())


ABBREVIATED_MONTH = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\.? \d{4}")


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Typeset]:
    """The fixture lab with the planted paper, built, its bib typeset in each style."""
    project = copy_project(tmp_path_factory.mktemp("planted") / "project", FIXTURE_DATA)
    pubs = project / "data/publications.yml"
    pubs.write_text(pubs.read_text(encoding="utf-8") + PLANTED, encoding="utf-8")
    result = build(project)
    assert result.returncode == 0, result.log
    work = tmp_path_factory.mktemp("tex")
    return {style: typeset(result.site / "publications.bib", work / style, style) for style in STYLES}


@pytest.mark.parametrize("style", STYLES)
def test_the_planted_paper_compiles_without_a_warning(planted, style):
    assert warnings(planted[style]) == []


@pytest.mark.parametrize("style", ["plain", "plainnat"])
def test_bibtex_prints_the_month_by_name(planted, style):
    assert "April 2024" in item(planted[style], "bottou2024cafe")
    assert not ABBREVIATED_MONTH.search(" ".join(planted[style].bbl.split()))


def test_biber_reads_the_month_as_a_number(planted):
    entry = planted["biblatex"].bbl.split("\\entry{bottou2024cafe}", 1)[1].split("\\endentry", 1)[0]
    assert "\\field{month}{4}" in entry


def test_doi_and_url_reach_the_bibliography_verbatim(planted):
    # Braces are the one thing a URL cannot keep in a verbatim field; %7B/%7D name the same address.
    url = PLANTED_URL.replace("{", "%7B").replace("}", "%7D")
    natbib = item(planted["plainnat"], "bottou2024cafe")
    assert f"\\doi{{{PLANTED_DOI}}}" in natbib
    assert f"\\url{{{url}}}" in natbib
    biber = planted["biblatex"].bbl
    assert f"\\verb {PLANTED_DOI}\n" in biber
    assert f"\\verb {url}\n" in biber


@pytest.mark.parametrize("style", ["plain", "plainnat"])
def test_special_characters_reach_bibtex_as_latex_that_prints_them(planted, style):
    text = item(planted[style], "bottou2024cafe")
    expected_title = (
        'Caf{\\\'{e}} {\\"{U}}n{\\"{i}}code \\& 100\\% of \\$5 for snake\\_case \\textbraceleft{}braces'
        "\\textbraceright{}: a stray \\textbraceright{} brace \\textasciitilde{} \\textasciicircum{} \\# "
        "\\textbackslash{} {\\~{n}} {\\c{c}} {\\H{o}} {\\k{a}}"
    )
    assert expected_title in text
    assert "L{\\'{e}}on Bottou" in text
    assert 'Zo{\\"{e}} {\\AE}r{\\o}-{\\L}ukasz' in text
    # BibTeX ties a name's short last words with ~; the characters themselves are what matters.
    assert "Jos{\\'{e}} {\\~{N}}{\\'{u}}{\\~{n}}ez\\_\\textbraceleft{}Jr\\textbraceright{} \\&~100\\% \\$" in text
    assert "\\$, and {Procter and Gamble, Inc.} \\newblock" in text  # one name, not two, nor "Inc. Procter"


def test_special_characters_reach_biblatex_decoded_by_biber(planted):
    entry = planted["biblatex"].bbl.split("\\entry{bottou2024cafe}", 1)[1].split("\\endentry", 1)[0]
    assert (
        "\\field{title}{{Café Ünïcode \\& 100\\% of \\$5 for snake\\_case \\textbraceleft{}braces\\textbraceright{}: "
        "a stray \\textbraceright{} brace \\textasciitilde{} \\textasciicircum{} \\# \\textbackslash{} ñ ç ő ą}}"
    ) in entry
    assert "given={Léon}" in entry and "family={Bottou}" in entry
    assert "given={Zoë}" in entry and "family={{Æ}r{ø}-{Ł}ukasz}" in entry
    assert "\\name{author}{4}" in entry and "family={{Procter and Gamble, Inc.}}" in entry


def test_the_real_site_bib_passes_bibtex_and_biber_without_a_warning(real_site, tmp_path):
    """An invariant over data/: whatever the lab adds, TeX's clients accept the file silently and
    print every month by name."""
    site = load_site(real_site.project)
    keys = bibtex.keys(site.publications)
    runs = {style: typeset(real_site.site / "publications.bib", tmp_path / style, style) for style in STYLES}
    for style, run in runs.items():
        assert warnings(run) == [], style
    for style in ("plain", "plainnat"):
        assert not ABBREVIATED_MONTH.search(" ".join(runs[style].bbl.split())), style
    for pub in site.publications:
        if pub.month:
            assert f"{calendar.month_name[pub.month]} {pub.year}" in item(runs["plain"], keys[pub.id]), pub.id
            entry = runs["biblatex"].bbl.split(f"\\entry{{{keys[pub.id]}}}", 1)[1].split("\\endentry", 1)[0]
            assert f"\\field{{month}}{{{pub.month}}}" in entry, pub.id
