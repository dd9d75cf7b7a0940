"""The repository's own files, checked like the data: what the build reads and what it publishes.

MkDocs publishes every file under `docs/` and follows symbolic links while doing so: a photo linked
to a file outside the repository would publish that file's bytes, a linked folder a whole folder.
So no symbolic link is accepted under `data/` or `docs/`. The photo folder is where members add
files through pull requests: it may hold only raster images that really are what their extension
says, light in bytes and in pixels (an SVG can carry script, a tiny PNG can decode to gigabytes).
The pages themselves (`pages.py`) and the files a browser runs (`assets.py`) are checked here too.
"""

from __future__ import annotations

import errno
import os
import stat
import warnings
from pathlib import Path

from labsite.errors import DataError, shown_text
from labsite.read import assets, pages
from labsite.read.layout import DATA_DIR, DOCS_DIR, PHOTO_DIR

PHOTO_TYPES = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP"}
"""The photo files accepted, by extension, with the format Pillow must find inside."""
PHOTO_EXTENSIONS = ", ".join(PHOTO_TYPES)
"""'.jpg, .jpeg, .png, .webp', as messages name them."""
PHOTO_MAX_BYTES = 10_000_000
"""10 MB: a phone's photo as it took it (3–5 MB for 12 MP); the site publishes only images made from it."""
PHOTO_MAX_PIXELS = 50_000_000
"""50 megapixels (a phone photo is 12, a 48 MP phone's full-size one 48); decoded, at most 200 MB of
memory, and below Pillow's decompression-bomb guard (89 MP), which stays."""


def problems(root: Path, data_dir: str = DATA_DIR) -> list[DataError]:
    """Every symbolic link under the data and docs folders, every unfit file in the photo folder, every
    page under docs/ that goes beyond the page language, and every active file that is not the site's."""
    found: list[DataError] = []
    for folder in (data_dir, DOCS_DIR):
        found += links(root, folder)
    if (root / DOCS_DIR).is_dir() and not linked(root, DOCS_DIR):
        found += pages.problems(root) + assets.problems(root)
    photos = root / DOCS_DIR / PHOTO_DIR
    if photos.is_dir() and not linked(root, f"{DOCS_DIR}/{PHOTO_DIR}"):
        for path in sorted(_regular_files(photos)):
            shown_as = f"{DOCS_DIR}/{PHOTO_DIR}/{path.relative_to(photos).as_posix()}"
            found += [DataError(shown_as, 0, "", *problem) for problem in [photo_problem(path, shown_as)] if problem]
    return found


def links(root: Path, folder: str) -> list[DataError]:
    """Each symbolic link in `root/folder` (the folder itself included), never followed."""
    top = root / folder
    if top.is_symlink():
        return [_link_error(top, folder)]
    found = []
    for current, dirnames, filenames in os.walk(top):  # does not descend into linked folders
        for name in dirnames + filenames:
            path = Path(current, name)
            if path.is_symlink():
                found.append(_link_error(path, path.relative_to(root).as_posix()))
    return found


def _link_error(path: Path, shown_as: str) -> DataError:
    target = shown_text(repr(os.readlink(path)), limit=300)
    try:
        os.stat(path)
        what = f"a symbolic link (to {target})"
    except OSError as error:
        what = (
            f"a symbolic link that loops (to {target})"
            if error.errno == errno.ELOOP
            else f"a symbolic link to {target}, which does not exist"
        )
    return DataError(
        shown_as,
        0,
        "",
        f"{what}: links are not allowed in the repository's data and pages",
        "replace the link by the file itself",
    )


def linked(root: Path, relative: str) -> bool:
    """Whether any folder on the way from `root` to `relative` is a symbolic link."""
    path = root
    for part in Path(relative).parts:
        path = path / part
        if path.is_symlink():
            return True
    return False


def _regular_files(folder: Path) -> list[Path]:
    """Every entry under `folder` that is not a folder or a link, hidden ones aside (MkDocs skips them)."""
    found = []
    for current, dirnames, filenames in os.walk(folder):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        found += [Path(current, f) for f in filenames if not f.startswith(".") and not Path(current, f).is_symlink()]
    return found


def photo_problem(path: Path, shown_as: str) -> tuple[str, str] | None:
    """What is wrong with a photo file, as (message, hint), or None when it is fit to publish.

    Pillow reads the header first, so the pixel count is known before anything is decoded; only
    then is the image verified and decoded in full, which proves it is what its extension says.
    """
    kind = PHOTO_TYPES.get(path.suffix.lower())
    if kind is None:
        return (
            f"expected a JPEG, PNG or WebP photo ({PHOTO_EXTENSIONS}) — got {shown_text(repr(path.suffix))}",
            f"only photos belong in docs/{PHOTO_DIR}/: remove this file or convert it",
        )
    info = os.lstat(path)
    if not stat.S_ISREG(info.st_mode):
        return "expected a photo file — got something else", "replace it by the image file itself"
    if info.st_size > PHOTO_MAX_BYTES:
        return (
            f"expected a photo of at most {PHOTO_MAX_BYTES // 1_000_000} MB — got {info.st_size / 1_000_000:.1f} MB",
            f"shrink it: python -m labsite photo {shown_as}",
        )
    from PIL import Image

    too_many = (
        f"expected at most {PHOTO_MAX_PIXELS / 1e6:.0f} megapixels (e.g. 8000×6000) — got {{}}",
        f"shrink it: python -m labsite photo {shown_as}",
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                found, (width, height) = image.format, image.size
                if found != kind:
                    return (
                        f"expected a {kind} image, as its extension says — it is {found}",
                        f"give it the extension of its format, or convert it: python -m labsite photo {shown_as}",
                    )
                if width * height > PHOTO_MAX_PIXELS:
                    return too_many[0].format(f"{width}×{height}"), too_many[1]
                image.verify()
            with Image.open(path) as image:
                image.load()  # verify() checks the structure; decoding proves the pixels are there
    except Image.UnidentifiedImageError:
        return f"expected a {kind} image — the file is not an image", "export the photo again as JPEG, PNG or WebP"
    except Image.DecompressionBombError:
        return too_many[0].format("far more (Pillow refuses to open it)"), too_many[1]
    except (OSError, SyntaxError, ValueError) as error:
        return (
            f"expected a {kind} image — the file does not decode as one ({shown_text(str(error))})",
            "export the photo again as JPEG, PNG or WebP",
        )
    return None
