"""Shrink a member's photo to a light, square, metadata-free image (phone photos are 5–12 MB)."""

from __future__ import annotations

from pathlib import Path


def shrink(path: Path, size: int = 512) -> tuple[int, int]:
    """Crop to a centred square, resize to at most `size` px, drop EXIF (GPS too), save in place.

    Returns the file's size in bytes before and after.
    """
    from PIL import Image, ImageOps

    before = path.stat().st_size
    with Image.open(path) as original:
        image = ImageOps.exif_transpose(original)  # honour the camera's rotation before dropping EXIF
        side = min(image.size)
        left, top = (image.width - side) // 2, (image.height - side) // 2
        image = image.crop((left, top, left + side, top + side))
        if side > size:
            image = image.resize((size, size), Image.Resampling.LANCZOS)
        if path.suffix.lower() in (".jpg", ".jpeg"):
            image.convert("RGB").save(path, "JPEG", quality=85, optimize=True)
        elif path.suffix.lower() == ".webp":
            image.save(path, "WEBP", quality=85)
        else:
            image.save(path, "PNG", optimize=True)
    return before, path.stat().st_size
