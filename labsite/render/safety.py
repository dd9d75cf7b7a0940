"""What no page's content may hold once rendered: script, in any of the ways HTML can carry it.

Text from data is escaped by our templates and the pages under `docs/` are checked before the
build (`labsite check`); this is the last look, at the HTML itself, so that a way around both, or a
future template that forgets to escape, fails the build instead of publishing a script on the
site's origin. The theme's own scripts are outside the page's content and are not looked at here.
"""

from __future__ import annotations

from html.parser import HTMLParser

ACTIVE_ELEMENTS = frozenset(
    {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "foreignobject"}
)
"""Elements that run code or load a document into the page (`base` redirects every relative link)."""
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcdoc"})
SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:text/html")


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ACTIVE_ELEMENTS:
            self.found.append(f"a <{tag}> element (line {self.getpos()[0]})")
        if tag == "meta" and any(k == "http-equiv" and (v or "").lower() == "refresh" for k, v in attrs):
            self.found.append(f"a <meta http-equiv=refresh> (line {self.getpos()[0]})")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"an event handler {name}= on <{tag}> (line {self.getpos()[0]})")
            elif name in URL_ATTRIBUTES and _scripted(value or ""):
                self.found.append(f"a script link in {name}= on <{tag}> (line {self.getpos()[0]})")

    handle_startendtag = handle_starttag


def _scripted(url: str) -> bool:
    """Whether a URL runs script: browsers ignore white space and control characters in a scheme."""
    squeezed = "".join(ch for ch in url if ch > " " and ch != "\x7f").lower()
    return squeezed.startswith(SCRIPT_SCHEMES)


def active_content(html: str) -> list[str]:
    """Each piece of active content in `html`, described with its line; empty when there is none."""
    scanner = _Scanner()
    scanner.feed(html)
    scanner.close()
    return scanner.found
