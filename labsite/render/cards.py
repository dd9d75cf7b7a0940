"""Link-card images (Open Graph `og:image`, 1200×630): what Slack, Mastodon, Bluesky, LinkedIn and X
show when someone pastes a link to one of our pages. The lab's look (its theme colours), the site's
name and the page's title; a paper's card adds its venue and year and the group's authors.

Drawn with Pillow (already a dependency, for photos) in the scalable font Pillow bundles
(`ImageFont.load_default(size=...)`), so no system font or network is needed: Material's social
plugin fetches its fonts from Google Fonts and needs Cairo, and works offline on no machine here.
A card is drawn once per text and look: its file name in the user's cache is the hash of both (and of
Pillow's version, whose font it uses), so an unchanged card is read back, never redrawn.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

import PIL
from PIL import Image, ImageDraw, ImageFont

from labsite.derive.views import Site
from labsite.models.publications import Publication
from labsite.read.addresses import CARD_DIR

WIDTH, HEIGHT = 1200, 630
"""The size every link-preview service recommends for a large card (1.91:1)."""


@dataclass(frozen=True)
class Look:
    """The lab's colours, as `docs/stylesheets/lab.css` sets them (a test keeps the two the same)."""

    primary: str = "#303f9f"
    primary_dark: str = "#1a237e"
    accent: str = "#c2185b"
    text: str = "#ffffff"
    muted: str = "#c5cae9"


LOOK = Look()
LAYOUT = 1
"""Bumped when the drawing below changes, so every cached card is redrawn."""


@dataclass(frozen=True)
class Card:
    """What a card says."""

    site: str
    """The site's name, the small line on top."""
    title: str
    """The page's title, large."""
    lines: tuple[str, ...] = ()
    """Below the title: a paper's venue and year, its authors from the group."""


def path_of(page_url: str) -> str:
    """The card's path in the site for a page at `page_url` ('' for home, 'group/')."""
    return f"{CARD_DIR}/{page_url}card.png"


def paper_card(site: Site, pub: Publication) -> Card:
    cited = site.citation_of(pub)
    where = (
        f"{cited.venue.id} {cited.year}"
        if cited.venue and cited.kind in ("conference", "workshop", "journal")
        else str(cited.year)
    )
    ours = [a.name for a in site.authors_of(pub) if a.person_id or a.is_pi]
    return Card(site.settings.title, pub.title, (where, ", ".join(ours)) if ours else (where,))


def _key(card: Card, look: Look) -> str:
    text = json.dumps([asdict(card), asdict(look), LAYOUT, PIL.__version__], ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def _wrapped(text: str, font: ImageFont.FreeTypeFont | ImageFont.ImageFont, width: int, max_lines: int) -> list[str]:
    """`text` in lines no wider than `width`, at most `max_lines`, the last ending in '…' if cut."""
    lines: list[str] = []
    for word in text.split():
        if lines and font.getlength(f"{lines[-1]} {word}") <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] += " …"
    for n, line in enumerate(lines):  # a single word wider than the card
        while font.getlength(line) > width and len(line) > 1:
            line = line[:-2] + "…"
        lines[n] = line
    return lines


@functools.cache
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """Pillow's own scalable font (a bitmap one only where Pillow was built without FreeType)."""
    return ImageFont.load_default(size=size)


def draw(card: Card, look: Look = LOOK) -> bytes:
    """The card as a PNG."""
    image = Image.new("RGB", (WIDTH, HEIGHT), look.primary)
    pen = ImageDraw.Draw(image)
    pen.rectangle((0, HEIGHT - 24, WIDTH, HEIGHT), fill=look.accent)
    pen.rectangle((0, 0, WIDTH, 96), fill=look.primary_dark)
    margin = 72
    small = _font(36)
    pen.text((margin, 48), card.site, font=small, fill=look.text, anchor="lm")
    big = _font(64)
    y = 150
    for line in _wrapped(card.title, big, WIDTH - 2 * margin, 4):
        pen.text((margin, y), line, font=big, fill=look.text)
        y += 80
    y += 24
    for text in card.lines:
        for line in _wrapped(text, small, WIDTH - 2 * margin, 2):
            if y > HEIGHT - 90:
                break
            pen.text((margin, y), line, font=small, fill=look.muted)
            y += 48
    out = io.BytesIO()
    image.quantize(colors=32, method=Image.Quantize.FASTOCTREE).save(out, format="PNG", compress_level=6)
    return out.getvalue()


def cache_folder() -> Path | None:
    """This user's folder for cards (`$XDG_CACHE_HOME/labsite/cards`, as for compiled templates),
    made if needed; None if it cannot be. Names are hashes of what a card shows, so every project
    on the machine can share it."""
    folder = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "labsite" / "cards"
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError:
        return None
    return folder if os.access(folder, os.W_OK) else None


def png(card: Card, cache: Path | None, look: Look = LOOK) -> bytes:
    """The card's PNG, from `cache` when this text and look were drawn before (then stored there)."""
    if cache is None:
        return draw(card, look)
    cached = cache / f"{_key(card, look)}.png"
    if cached.is_file():
        return cached.read_bytes()
    made = draw(card, look)
    temporary = cached.with_suffix(f".{os.getpid()}.tmp")
    temporary.write_bytes(made)
    temporary.replace(cached)  # a build running beside this one never reads half a card
    return made
