"""What the site publishes for a photo: square WebP images in two widths, never the uploaded file.

A member uploads what their phone took (up to the photo folder's limits, `labsite.read.files`). The
uploaded file keeps its EXIF (the GPS position of where it was taken), its XMP and its comments, so
it is never published: the build publishes images made from its pixels alone, turned upright as the
camera said, cropped to a centred square, converted to sRGB, at `WIDTHS` for `srcset`. Encoding a
12 MP photo takes a fraction of a second, so the results are kept in `.cache/labsite-photos/` by
the hash of the uploaded bytes and of the recipe: a build or a preview encodes only what changed.
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
import warnings
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from labsite.derive.views import Site
from labsite.models.people import Someone
from labsite.read.layout import DOCS_DIR, PHOTO_DIR

WIDTHS = (256, 512)
"""The widths published (px): 256 covers the Group page's 72 px cards on 3× screens, 512 the home
page's 160 px on 3×."""
QUALITY = 82
RECIPE = f"webp-q{QUALITY}-{'-'.join(map(str, WIDTHS))}-srgb-v1"
"""Names everything that shapes the output: change it and every cached image is made again."""
CACHE_DIR = ".cache/labsite-photos"


def photos_of(site: Site) -> list[str]:
    """The photos the data names (the professor's, then each member's), as paths inside docs/."""
    people: list[Someone] = [site.data.profile, *site.data.people.values()]
    return list(dict.fromkeys(p.photo for p in people if p.photo))


def variant(photo: str, width: int) -> str:
    """Where the `width` px image of `photo` is published: images/people/jane.jpg → images/people/jane-jpg-256.webp.

    The extension stays in the name, so jane.jpg and jane.png never share one."""
    path = PurePosixPath(photo)
    return str(path.with_name(f"{path.stem}-{path.suffix.lstrip('.').lower()}-{width}.webp"))


def is_original(relative: str, site: Site) -> bool:
    """Whether a file of docs/ (by its path there) is an uploaded photo, which the site never publishes:
    anything in the photo folder, and any other photo the data names."""
    return relative.startswith(f"{PHOTO_DIR}/") or relative in set(photos_of(site))


def published(site: Site) -> list[tuple[str, bytes]]:
    """Every derived image, as (path inside the site, bytes), encoded or taken from the cache."""
    root = site.data.root
    cache = _cache_folder(root)
    found = []
    for photo in photos_of(site):
        source = (root / DOCS_DIR / photo).read_bytes()
        found += [(variant(photo, width), data) for width, data in derived(source, cache).items()]
    return found


def derived(source: bytes, cache: Path | None = None) -> dict[int, bytes]:
    """The published images of one uploaded photo, by width; from `cache` when it holds them."""
    key = hashlib.sha256(RECIPE.encode() + _pillow_version().encode() + b"\0" + source).hexdigest()
    if cache is not None:
        try:
            return {width: (cache / f"{key}-{width}.webp").read_bytes() for width in WIDTHS}
        except OSError:
            pass
    images = encode(source)
    if cache is not None:
        _store(cache, key, images.items())
    return images


def encode(source: bytes, widths: tuple[int, ...] = WIDTHS) -> dict[int, bytes]:
    """Decode, turn upright, convert to sRGB, crop to a centred square and encode each width as WebP.

    The output is rebuilt from the pixels alone (`Image.frombytes`), so no field of the original
    file (EXIF, GPS, XMP, comments, colour profile) can ride along into it.
    """
    from PIL import Image, ImageOps

    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)  # the check's limits are far below
        with Image.open(io.BytesIO(source)) as original:
            original.draft("RGB", (max(widths), max(widths)))  # JPEG: decode at 1/2–1/8 scale when that still covers it
            original.load()
            image = ImageOps.exif_transpose(original)
    image = _srgb(image)
    side = min(image.size)
    left, top = (image.width - side) // 2, (image.height - side) // 2
    square = image.crop((left, top, left + side, top + side))
    out = {}
    for width in widths:
        sized = square.resize((width, width), Image.Resampling.LANCZOS)
        clean = Image.frombytes(sized.mode, sized.size, sized.tobytes())
        buffer = io.BytesIO()
        clean.save(buffer, "WEBP", quality=QUALITY, method=4)
        out[width] = buffer.getvalue()
    return out


def _srgb(image):  # untyped: Pillow is imported lazily (the check and the macros never load it)
    """The image in RGB or RGBA, its colours moved from its embedded profile (often Display P3) to sRGB."""
    from PIL import ImageCms

    has_alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    profile = image.info.get("icc_profile")
    image = image.convert("RGBA" if has_alpha else "RGB")
    if profile:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
            image = ImageCms.profileToProfile(image, source, ImageCms.createProfile("sRGB"), outputMode=image.mode)
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # an unreadable profile: the pixels as they are
    return image


def _pillow_version() -> str:
    import PIL

    return PIL.__version__


def _cache_folder(root: Path) -> Path | None:
    folder = root / CACHE_DIR
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return folder if os.access(folder, os.W_OK) else None


def _store(cache: Path, key: str, images: Iterable[tuple[int, bytes]]) -> None:
    """Written aside, then renamed: a build running alongside never reads half an image."""
    try:
        for width, data in images:
            with tempfile.NamedTemporaryFile(dir=cache, suffix=".tmp", delete=False) as out:
                out.write(data)
            os.replace(out.name, cache / f"{key}-{width}.webp")
    except OSError:
        pass
