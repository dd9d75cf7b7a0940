"""`robots.txt` (RFC 9309): every page may be crawled, and the sitemap is named by its absolute
address, which is why only a build that knows the site's address writes one.

Crawlers read it only at the root of a host: a site served under a path (a GitHub Pages project
site) gets one too, harmless there, and right as soon as the site moves to its own domain.
"""

from __future__ import annotations


def robots_txt(base_url: str) -> str:
    """Plain text, not markup: nothing in it is escaped."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {base_url}sitemap.xml\n"
