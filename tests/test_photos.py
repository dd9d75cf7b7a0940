"""A phone's photo is accepted as it is; one over the limits is refused with the command that shrinks it."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image
from sitebuild import ROOT, build

from labsite.check import load_checked
from labsite.errors import DataErrors

GPS_IFD, ORIENTATION, MAKE = 0x8825, 0x0112, 0x010F


def phone_exif(orientation: int = 1) -> Image.Exif:
    exif = Image.Exif()
    exif[MAKE] = "PhoneMaker"
    exif[ORIENTATION] = orientation
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (48.0, 51.0, 30.0), 3: "E", 4: (2.0, 17.0, 40.0)})
    return exif


def noisy_photo(path: Path, size: tuple[int, int] = (4000, 3000)) -> None:
    """Random pixels do not compress: a 4000×3000 JPEG of noise weighs several MB, like a phone photo."""
    pixels = random.Random(1).randbytes(size[0] * size[1] * 3)
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.frombytes("RGB", size, pixels).save(path, quality=95, exif=phone_exif())


def photo_command(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "labsite", "photo", *args], cwd=cwd, capture_output=True, text=True)


def test_a_phone_photo_is_accepted_as_it_is_and_published_only_as_derived_images(fixture_project):
    photo = fixture_project / "docs/images/people/eve-nox.jpg"
    noisy_photo(photo, (3000, 2000))
    assert 1_000_000 < photo.stat().st_size < 10_000_000
    person = fixture_project / "data/people/eve-nox.yml"
    person.write_text(person.read_text() + "photo: images/people/eve-nox.jpg\n")
    load_checked(fixture_project)

    result = build(fixture_project)
    assert result.returncode == 0, result.log
    img = result.content("group/").select_one("li#person-eve-nox img.lab-avatar")
    assert img is not None and img["alt"] == ""  # the card's link already says the name
    assert img["src"] == "../images/people/eve-nox-jpg-256.webp"
    assert (result.site / "group" / img["src"]).resolve().is_file()
    assert not (result.site / "images/people/eve-nox.jpg").exists()
    own = result.content("people/eve-nox/").select_one("img.lab-avatar")
    assert own is not None and own["alt"] == "Photo of Eve Nox"


def test_a_photo_over_10_mb_is_refused_with_the_command_that_shrinks_it(fixture_project):
    photo = fixture_project / "docs/images/people/eve-nox.jpg"
    photo.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (64, 64), "red").save(photo, "JPEG")
    with photo.open("ab") as f:
        f.write(b"\0" * 10_500_000)  # after the image's end: only the size is wrong
    person = fixture_project / "data/people/eve-nox.yml"
    person.write_text(person.read_text() + "photo: images/people/eve-nox.jpg\n")
    with pytest.raises(DataErrors) as raised:
        load_checked(fixture_project)
    size = photo.stat().st_size / 1_000_000
    assert [str(e) for e in raised.value.errors] == [
        f"docs/images/people/eve-nox.jpg: expected a photo of at most 10 MB — got {size:.1f} MB"
        " (hint: shrink it: python -m labsite photo docs/images/people/eve-nox.jpg)"
    ]
    done = photo_command("docs/images/people/eve-nox.jpg", cwd=fixture_project)
    assert done.returncode == 0, done.stderr
    with Image.open(photo) as shrunk:
        assert shrunk.size == (64, 64)
    load_checked(fixture_project)


def test_the_camera_rotation_is_applied_before_the_metadata_goes(tmp_path):
    """Stored sideways (left red, right blue) with 'rotate 90° clockwise' in EXIF: upright, red is on top."""
    photo = tmp_path / "sideways.jpg"
    image = Image.new("RGB", (600, 400), "blue")
    image.paste((255, 0, 0), (0, 0, 300, 400))
    image.save(photo, quality=95, exif=phone_exif(orientation=6))

    done = photo_command(str(photo), "--size", "200")
    assert done.returncode == 0, done.stderr
    with Image.open(photo) as shrunk:
        assert shrunk.size == (200, 200)
        assert not shrunk.getexif()
        top, bottom = shrunk.getpixel((180, 20)), shrunk.getpixel((20, 180))  # corners tell rotated from not
    assert top[0] > 200 and top[2] < 60, top
    assert bottom[2] > 200 and bottom[0] < 60, bottom


def test_a_small_webp_stays_webp_and_loses_its_metadata(tmp_path):
    photo = tmp_path / "me.webp"
    Image.new("RGB", (300, 200), "green").save(photo, "WEBP", exif=phone_exif())
    with Image.open(photo) as original:
        assert original.getexif().get_ifd(GPS_IFD)

    done = photo_command(str(photo))
    assert done.returncode == 0, done.stderr
    with Image.open(photo) as shrunk:
        assert shrunk.format == "WEBP"
        assert shrunk.size == (200, 200)
        assert not shrunk.getexif()


def test_a_file_that_is_not_an_image_is_refused_and_left_alone(tmp_path):
    photo = tmp_path / "me.jpg"
    photo.write_text("not a picture")
    done = photo_command(str(photo))
    assert done.returncode == 1
    assert "not an image Pillow can read" in done.stderr
    assert "Traceback" not in done.stderr
    assert photo.read_text() == "not a picture"
