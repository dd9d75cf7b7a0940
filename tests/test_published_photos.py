"""The site publishes only images made from a member's photo: upright, square, two widths, WebP, no
metadata; the uploaded file (EXIF, GPS) is never in site/. Photos are made here, as a phone would."""

from __future__ import annotations

import io
import struct

import pytest
from PIL import Image, ImageCms
from sitebuild import FIXTURE_DATA, build, copy_project

from labsite.render import photos
from labsite.site import start

GPS_IFD, ORIENTATION, MAKE = 0x8825, 0x0112, 0x010F
WEBP_PIXEL_CHUNKS = {b"VP8 ", b"VP8L", b"VP8X", b"ALPH"}


def _exif(orientation: int = 1, gps: bool = False) -> Image.Exif:
    exif = Image.Exif()
    exif[MAKE] = "PhoneMaker"
    exif[ORIENTATION] = orientation
    if gps:
        exif.get_ifd(GPS_IFD).update({1: "N", 2: (48.0, 51.0, 30.0), 3: "E", 4: (2.0, 17.0, 40.0)})
    return exif


def sideways_jpeg() -> bytes:
    """Stored 600×400, left half red, right half blue, with 'rotate 90° clockwise': upright, red is on top."""
    image = Image.new("RGB", (600, 400), "blue")
    image.paste((255, 0, 0), (0, 0, 300, 400))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=95, exif=_exif(orientation=6))
    return out.getvalue()


def located_jpeg() -> bytes:
    """A JPEG that says where it was taken (GPS), with a comment and a colour profile."""
    out = io.BytesIO()
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    Image.new("RGB", (900, 700), (30, 140, 60)).save(
        out, "JPEG", quality=90, exif=_exif(gps=True), comment=b"taken at home", icc_profile=profile
    )
    return out.getvalue()


def transparent_png() -> bytes:
    """A PNG whose left half is transparent, with a text chunk."""
    from PIL import PngImagePlugin

    image = Image.new("RGBA", (400, 400), (200, 50, 50, 255))
    image.paste((0, 0, 0, 0), (0, 0, 200, 400))
    text = PngImagePlugin.PngInfo()
    text.add_text("Author", "someone")
    out = io.BytesIO()
    image.save(out, "PNG", pnginfo=text)
    return out.getvalue()


PHOTOS = {"bo-tern": ("bo-tern.jpg", sideways_jpeg), "dee-lux": ("dee.jpeg", located_jpeg)}
PHOTOS["eve-nox"] = ("eve-nox.png", transparent_png)


@pytest.fixture(scope="module")
def photo_site(tmp_path_factory):
    """The fixture lab with three members' photos, built."""
    project = copy_project(tmp_path_factory.mktemp("photos") / "project", FIXTURE_DATA)
    folder = project / "docs/images/people"
    folder.mkdir(parents=True, exist_ok=True)
    for person, (name, make) in PHOTOS.items():
        (folder / name).write_bytes(make())
        file = project / f"data/people/{person}.yml"
        file.write_text(file.read_text() + f"photo: images/people/{name}\n", encoding="utf-8")
    result = build(project)
    assert result.returncode == 0, result.log
    return result


def _chunks(data: bytes) -> list[bytes]:
    """The RIFF chunk names of a WebP file (EXIF, XMP and ICCP would each be a chunk)."""
    assert data[:4] == b"RIFF" and data[8:12] == b"WEBP"
    names, at = [], 12
    while at < len(data):
        name, size = data[at : at + 4], struct.unpack("<I", data[at + 4 : at + 8])[0]
        names.append(name)
        at += 8 + size + (size & 1)
    return names


def test_the_uploaded_photos_are_absent_from_the_site(photo_site):
    published = sorted(p.name for p in (photo_site.site / "images/people").iterdir())
    assert published == sorted(
        f"{photos.variant(name, w).split('/')[-1]}" for name, _ in PHOTOS.values() for w in (256, 512)
    )
    for _, make in PHOTOS.values():
        original = make()
        for path in photo_site.site.rglob("*"):
            assert not (path.is_file() and path.read_bytes() == original), path


def test_no_published_image_carries_metadata_or_gps(photo_site):
    for path in (photo_site.site / "images/people").iterdir():
        data = path.read_bytes()
        assert set(_chunks(data)) <= WEBP_PIXEL_CHUNKS, (path.name, _chunks(data))
        assert b"Exif" not in data and b"PhoneMaker" not in data and b"taken at home" not in data
        with Image.open(path) as image:
            assert image.format == "WEBP"
            assert image.width == image.height in (256, 512)
            assert not image.getexif()
            assert not image.getexif().get_ifd(GPS_IFD)
            assert {"exif", "xmp", "icc_profile"}.isdisjoint(image.info)


def test_the_cameras_rotation_is_applied(photo_site):
    with Image.open(photo_site.site / "images/people/bo-tern-jpg-512.webp") as image:
        top, bottom = image.convert("RGB").getpixel((256, 20)), image.convert("RGB").getpixel((256, 490))
    assert top[0] > 200 and top[2] < 60, top  # the stored left half, now on top
    assert bottom[2] > 200 and bottom[0] < 60, bottom


def test_transparency_survives(photo_site):
    with Image.open(photo_site.site / "images/people/eve-nox-png-256.webp") as image:
        assert image.mode == "RGBA"
        assert image.getpixel((20, 128))[3] == 0
        assert image.getpixel((236, 128))[3] == 255


def test_pages_offer_both_widths_with_their_size_and_load_lazily(photo_site):
    img = photo_site.content("people/bo-tern/").select_one("img.lab-avatar")
    assert img["width"] == img["height"] == "128"
    assert img["loading"] == "lazy"
    assert img["sizes"] == "128px"
    candidates = [c.strip().split(" ") for c in img["srcset"].split(",")]
    assert [w for _, w in candidates] == ["256w", "512w"]
    for src, _ in candidates:
        assert (photo_site.site / "people/bo-tern" / src).resolve().is_file()
    assert (photo_site.site / "people/bo-tern" / img["src"]).resolve().is_file()
    card = photo_site.content("group/").select_one("li#person-eve-nox img.lab-avatar")
    assert card["width"] == "72" and card["src"].endswith("eve-nox-png-256.webp")


def test_an_unchanged_photo_is_not_encoded_again(photo_site, monkeypatch):
    site = start(photo_site.project).site
    first = photos.published(site)

    def refuse(*_args, **_kw):
        raise AssertionError("encoded again")

    monkeypatch.setattr(photos, "encode", refuse)
    assert photos.published(site) == first
    dee = photo_site.project / "docs/images/people/dee.jpeg"
    kept = dee.read_bytes()
    try:
        Image.new("RGB", (300, 300), "yellow").save(dee, "JPEG")  # a new photo under the same name
        with pytest.raises(AssertionError, match="encoded again"):
            photos.published(site)
    finally:
        dee.write_bytes(kept)


def test_generate_writes_the_same_derived_images_and_no_original(photo_site, tmp_path):
    from labsite.commands.generate import generate

    out = tmp_path / "out"
    generate(photo_site.project, out)
    written = sorted(p.name for p in (out / "docs/images/people").iterdir())
    assert written == sorted(p.name for p in (photo_site.site / "images/people").iterdir())
    for name in written:
        assert (out / "docs/images/people" / name).read_bytes() == (
            photo_site.site / "images/people" / name
        ).read_bytes()
