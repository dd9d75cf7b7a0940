"""Atom feeds for news and publications, so readers and aggregators can follow the group."""

from __future__ import annotations

from dataclasses import dataclass

from . import markdown, render
from .pages import plain
from .views import Site


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


def _feed(site: Site, name: str, title: str, page: str, entries: list[Entry], base_url: str) -> str:
    """Feeds sit at the site root (`news.xml`): Material fetches `sitemap.xml` next to every
    `rel=alternate` link, so a feed in a subfolder would cost a 404 on every page. Links are
    relative to the root, made absolute through xml:base when the site's address is known."""
    updated = max((e.updated for e in entries), default="1970-01-01T00:00:00Z")
    env = render.environment()
    return render.render(
        env,
        "feeds/atom.xml",
        title=f"{site.settings.title}: {title}",
        feed_id=f"{base_url}{name}.xml" if base_url else f"urn:labsite:{name}",
        updated=updated,
        self_href=f"{name}.xml",
        alternate_href=page,
        author=site.profile.name,
        entries=entries,
        base_url=base_url,
    )


def news_feed(site: Site, base_url: str = "") -> str:
    entries = [
        Entry(
            title=plain(item.text, 120),
            id=f"urn:labsite:news:{n}:{item.date}",
            updated=_timestamp(item.date),
            href="news/#" + item.date[:4],
            html=str(markdown.render(item.text)),
        )
        for n, item in enumerate(reversed(site.news))
    ][::-1]
    return _feed(site, "news", "News", "news/", entries, base_url)


def publications_feed(site: Site, base_url: str = "") -> str:
    entries = []
    for pub in site.publications:
        venue = site.venue_of(pub)
        where = f"{venue.name} ({venue.id}) {pub.year}" if venue else str(pub.year)
        entries.append(
            Entry(
                title=pub.title,
                id=f"urn:labsite:publication:{pub.id}",
                updated=_timestamp(f"{pub.year}-{pub.month or 1:02d}"),
                href=f"publications/{pub.id}/",
                html=f"{', '.join(pub.authors)}. {where}.",
            )
        )
    return _feed(site, "publications", "Publications", "publications/", entries, base_url)
