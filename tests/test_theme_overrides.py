"""Our copies of the theme's partials differ from the installed theme's only where we mean them to:
a theme update that changes a copied partial fails here, instead of being hidden by our old copy."""

from __future__ import annotations

import difflib
from pathlib import Path

import material
from sitebuild import ROOT

THEME = Path(material.__file__).parent / "templates"
INTENDED = {
    "partials/search.html": {
        "+{#- Material 9.8.2's search partial; only change: the dialog gets a name (axe: aria-dialog-name). -#}",
        '-<div class="md-search" data-md-component="search" role="dialog">',
        '+<div class="md-search" data-md-component="search" role="dialog" aria-label="{{ lang.t(\'search\') }}">',
    },
}
"""Each copied partial and the lines we add (+) or change (-) in it, nothing else."""


def _changes(theirs: Path, ours: Path) -> set[str]:
    diff = difflib.unified_diff(theirs.read_text().splitlines(), ours.read_text().splitlines(), lineterm="", n=0)
    return {line for line in diff if line[:1] in "+-" and not line.startswith(("+++", "---"))}


def test_every_copied_theme_partial_differs_only_where_we_mean_it_to():
    copies = {p.relative_to(ROOT / "overrides").as_posix() for p in (ROOT / "overrides/partials").rglob("*.html")}
    assert copies == set(INTENDED), "a partial copied from the theme needs its intended changes listed here"
    for name, intended in INTENDED.items():
        assert _changes(THEME / name, ROOT / "overrides" / name) == intended, name
