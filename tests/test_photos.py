"""Photos stay light: a phone-sized photo is refused with a clear message, and one command fixes it."""

from __future__ import annotations

import random
import subprocess
import sys

import pytest
from PIL import Image
from sitebuild import build

from labsite.errors import DataErrors
from labsite.load import load


def big_photo(path):
    rng = random.Random(1)
    image = Image.frombytes("RGB", (2400, 1800), bytes(rng.getrandbits(8) for _ in range(2400 * 1800 * 3)))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, "JPEG", quality=95, exif=exif)


def test_large_photo_is_refused_then_shrunk_by_the_photo_command(fixture_project):
    photo = fixture_project / "docs/images/people/eve-nox.jpg"
    big_photo(photo)
    assert photo.stat().st_size > 1_000_000
    person = fixture_project / "data/people/eve-nox.yml"
    person.write_text(person.read_text() + "photo: images/people/eve-nox.jpg\n")
    line = len(person.read_text().splitlines())
    with pytest.raises(DataErrors) as raised:
        load(fixture_project)
    size = photo.stat().st_size / 1_000_000
    assert [str(e) for e in raised.value.errors] == [
        f"data/people/eve-nox.yml:{line}: field 'photo': expected a photo of at most 1 MB — got {size:.1f} MB"
        " (hint: shrink it: python -m labsite photo docs/images/people/eve-nox.jpg)"
    ]

    done = subprocess.run(
        [sys.executable, "-m", "labsite", "photo", "docs/images/people/eve-nox.jpg"],
        cwd=fixture_project,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    with Image.open(photo) as shrunk:
        assert shrunk.size == (512, 512)
        assert not shrunk.getexif()
    assert photo.stat().st_size < 1_000_000
    load(fixture_project)

    result = build(fixture_project)
    assert result.returncode == 0, result.log
    img = result.content("group/").select_one("li#eve-nox img.lab-avatar")
    assert img["src"] == "../images/people/eve-nox.jpg"
    assert (result.site / "images/people/eve-nox.jpg").exists()
    assert img["alt"] == "Photo of Eve Nox"
