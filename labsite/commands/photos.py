"""Shrink a member's photo to a light, square, metadata-free image (phone photos are 5–12 MB).

The data check refuses photos over 10 MB and its hint names this command (the build publishes
only derived images in any case, `labsite.render.photos`). Metadata goes because a
phone photo's EXIF carries the GPS position of where it was taken. Pillow is imported inside the
function so that the data check and the build, which never need it, do not pay for loading it.
"""

from __future__ import annotations

from pathlib import Path

import click

from labsite.read.files import PHOTO_EXTENSIONS, PHOTO_MAX_BYTES
from labsite.read.files import PHOTO_TYPES as FORMATS


def shrink(path: Path, size: int = 512) -> tuple[int, int]:
    """Crop to a centred square, resize to at most `size` px, drop EXIF (GPS too), save in place.

    The camera's rotation is applied first, so the photo stays upright once its EXIF is gone. The
    colour profile is kept (phone photos are often Display P3; without it colours fade). Returns the
    file's size in bytes before and after.
    """
    from PIL import Image, ImageOps

    kind = FORMATS.get(path.suffix.lower())
    if kind is None:
        raise ValueError(f"{path}: expected a photo file ({PHOTO_EXTENSIONS}) — got {path.suffix!r}")
    before = path.stat().st_size
    try:
        with Image.open(path) as original:
            original.load()
            image = ImageOps.exif_transpose(original)
    except (OSError, Image.DecompressionBombError) as error:
        raise ValueError(f"{path}: not an image Pillow can read ({error})") from None
    icc_profile = image.info.get("icc_profile")
    side = min(image.size)
    left, top = (image.width - side) // 2, (image.height - side) // 2
    image = image.crop((left, top, left + side, top + side))
    if side > size:
        image = image.resize((size, size), Image.Resampling.LANCZOS)
    image.info = {}  # nothing from the original file is written unless named below
    extra = {"icc_profile": icc_profile} if icc_profile else {}
    if kind == "JPEG":
        image.convert("RGB").save(path, "JPEG", quality=85, optimize=True, **extra)
    elif kind == "WEBP":
        image.convert("RGBA" if "A" in image.getbands() else "RGB").save(path, "WEBP", quality=85, **extra)
    else:
        image.save(path, "PNG", optimize=True, **extra)
    return before, path.stat().st_size


def _size(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 1_000_000 else f"{n / 1000:.0f} KB"


@click.command("photo")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--size", type=click.IntRange(16, 4096), default=512, show_default=True, help="Largest side in px.")
def photo_command(path: Path, size: int) -> None:
    """Crop a photo to a centred square, shrink it and strip its metadata, in place."""
    try:
        before, after = shrink(path, size)
    except ValueError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"{path}: {_size(before)} -> {_size(after)}")
    if after > PHOTO_MAX_BYTES:
        raise click.ClickException(
            f"still over {PHOTO_MAX_BYTES // 1_000_000} MB: save it as .jpg or .webp, or pass a smaller --size"
        )
