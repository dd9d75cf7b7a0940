"""Atom feeds for news and publications, so readers and aggregators can follow the group."""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from urllib.parse import urlsplit

from jinja2 import Environment
from markupsafe import escape

from labsite import markdown
from labsite.derive.views import Site
from labsite.render import html as render
from labsite.render.pages import plain


@dataclass(frozen=True)
class Entry:
    title: str
    id: str
    updated: str
    href: str
    html: str


def _timestamp(date: str) -> str:
    """'2024', '2024-05' or '2024-05-03' as an Atom date (the first day of what is known)."""
    parts = [*date.split("-"), "01", "01"][:3]
    return f"{parts[0]}-{parts[1]}-{parts[2]}T00:00:00Z"


@functools.cache
def _environment() -> Environment:
    """One template environment for both feeds: the feed template is compiled once."""
    return render.environment()


def _feed(site: Site, name: str, title: str, page: str, entries: list[Entry], base_url: str) -> str:
    """Feeds sit at the site root (`news.xml`): Material fetches `sitemap.xml` next to every
    `rel=alternate` link, so a feed in a subfolder would cost a 404 on every page. Links are
    relative to the root, made absolute through xml:base when the site's address is known."""
    updated = max((e.updated for e in entries), default="1970-01-01T00:00:00Z")
    return render.render(
        _environment(),
        "feeds/atom.xml",
        title=f"{site.settings.title}: {title}",
        feed_id=f"{base_url}{name}.xml" if base_url else f"urn:labsite:{name}",
        updated=updated,
        self_href=f"{name}.xml",
        alternate_href=page,
        author=site.profile.name,
        entries=entries,
        base_url=base_url,
        language=site.settings.language,
    )


def news_ids(site: Site, base_url: str = "") -> list[str]:
    """One Atom id per news item, in file order, from the item's own date and text only: inserting,
    deleting or moving other items leaves it alone (a position-based id made a reader show every
    item as new after one insertion). Editing an item's text gives it a new id, so a corrected item
    reaches readers again. Identical items on the same date are told apart by their count."""
    seen: dict[tuple[str, str], int] = {}
    ids = []
    for item in reversed(site.news):  # oldest first: a duplicate added later gets the suffix
        digest = hashlib.sha256(" ".join(item.text.split()).encode()).hexdigest()[:12]
        seen[item.date, digest] = seen.get((item.date, digest), 0) + 1
        key = digest if seen[item.date, digest] == 1 else f"{digest}-{seen[item.date, digest]}"
        ids.append(_entry_id(base_url, item.date, f"news/{key}"))
    return ids[::-1]


def _entry_id(base_url: str, date: str, key: str) -> str:
    """A `tag:` URI (RFC 4151) on the site's own host when its address is known: unique to this
    site without a registry. A build without an address (a preview) still needs absolute ids."""
    if not base_url:
        return f"urn:labsite:{key.replace('/', ':')}"
    address = urlsplit(base_url)
    return f"tag:{address.hostname},{date}:{address.path}{key}"


def news_feed(site: Site, base_url: str = "") -> str:
    entries = [
        Entry(
            title=plain(item.text, 120),
            id=entry_id,
            updated=_timestamp(item.date),
            href="news/#" + item.date[:4],
            html=str(markdown.render(item.text)),
        )
        for item, entry_id in zip(site.news, news_ids(site, base_url), strict=True)
    ]
    return _feed(site, "news", "News", "news/", entries, base_url)


def publications_feed(site: Site, base_url: str = "") -> str:
    entries = []
    for pub in site.publications:
        cited = site.citation_of(pub)
        where = f"{cited.label} {cited.year}" if cited.label else str(cited.year)
        entries.append(
            Entry(
                title=pub.title,
                id=f"{base_url}publications/{pub.id}/" if base_url else f"urn:labsite:publication:{pub.id}",
                updated=_timestamp(cited.date),
                href=f"publications/{pub.id}/",
                html=str(escape(f"{', '.join(pub.authors)}. {where}.")),
            )
        )
    return _feed(site, "publications", "Publications", "publications/", entries, base_url)
