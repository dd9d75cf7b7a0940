"""Screenshots of the main pages at phone (390 px) and desktop (1280 px) widths, in both palettes,
written to screenshots/ (not committed) for a person to look at after every run."""

from __future__ import annotations

import sys

import pytest
from PIL import Image
from sitebuild import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import screenshots

pytestmark = pytest.mark.browser


def test_screenshots_of_main_pages_are_written_at_both_widths(real_site):
    out = ROOT / "screenshots"
    extra = [
        f"{folder}/{sorted(real_site.site.glob(f'{folder}/*/index.html'))[0].parent.name}/"
        for folder in ("people", "publications")
    ]
    screenshots.main(real_site.site, out, extra)
    for page in ["home", "news", "publications", "projects", "teaching", "group", "cv"]:
        for label, width in (("phone", 390), ("desktop", 1280)):
            for scheme in ("light", "dark"):
                with Image.open(out / f"{page}-{label}-{scheme}.png") as shot:
                    assert shot.width == width
                    assert shot.height >= 600
