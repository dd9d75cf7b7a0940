"""MkDocs hook: a fast `mkdocs serve`. A rebuild reuses every page whose inputs did not change.

Why: MkDocs rebuilds every page on every change, and most of a rebuild is spent on pages that come
out the same (at 10x the seed's data, 770 generated pages: Markdown 1.8 s, theme 0.9 s, search index
0.9 s of a 5.7 s rebuild). `--dirty` cannot help: it skips pages whose *source* is unchanged, but a
data edit changes pages without touching their source, so it serves stale pages.

What is reused, only under `mkdocs serve` (never by `mkdocs build`, `serve --dirty` or `serve --clean`):
- a page's Markdown → HTML (`Page.render`), keyed by the page's Markdown as the macros and hooks
  made it in this rebuild, its place, the list of every file of the site (links resolve against
  it) and the site key below;
- a page's final HTML, its search entries and its content as the search plugin left it
  (`_build_page`), keyed by everything the theme reads for the page: its HTML, table of contents,
  metadata, title, addresses, neighbours and ancestors, the whole navigation with every title,
  the list of files and the site key;
- compiled theme templates (a Jinja bytecode cache, which checks each template's source).
The site key covers the configuration after every plugin's `on_config` (the site's name from
data/site.yml included), the plugins and their settings, the versions of the packages that draw a
page, and the text of mkdocs.yml, of the theme's own folder, of the hook files and of the code and
templates of the watched folders. Every key is made of the inputs themselves, computed afresh on
each rebuild, so no change has to be attributed to pages by guesswork: a renamed person changes the
Markdown of every page that shows the name; a title in the navigation changes every page's key.
Warnings logged while a page was made are kept and logged again when it is reused, so the terminal
(and `serve --strict`) see what a full rebuild would report.

MkDocs has no event to skip a page or to keep the site folder, so three of its functions are
wrapped, while serving only: `Page.render`, `mkdocs.commands.build._build_page` and
`mkdocs.utils.clean_directory` (the folder is kept; a page is written only when its bytes
changed; after the build, files this build did not write or keep are removed). Verified with
mkdocs 1.6.1 and mkdocs-material 9.8.2. With another MkDocs or Material version, other signatures,
or a plugin that acts on finished pages (`on_page_context` other than Material's search,
`on_post_page`, `on_env`), it logs a WARNING and MkDocs rebuilds every page as usual; the test
suite fails on the first two (`tests/test_preview_cache.py` asserts `mismatches()` is empty), so an
upgrade of MkDocs is noticed by the tests, not by a slower preview.
The wrappers are installed by `on_startup` of `serve` and removed by `on_shutdown`. A change inside
MkDocs that keeps these signatures but not their behaviour is what `tests/test_preview_cache.py`
is for: it compares the served site with a fresh build after every kind of edit.
A reused page's file is not read back to compare when this process wrote (or read) those very
bytes there and the file's modification time and size are unchanged since.
The watcher's polling interval is also cut from 0.5 s to 0.1 s (`on_serve`). The cost is memory:
the entries of the last two rebuilds, about twice the site's HTML.
"""

from __future__ import annotations

import copy
import hashlib
import inspect
import json
import logging
import os
import threading
from importlib import metadata
from typing import Any, NamedTuple

import jinja2
import mkdocs.commands.build as mkdocs_build
from mkdocs import utils
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents

log = logging.getLogger("mkdocs.hooks.preview")

VERIFIED = {"mkdocs": "1.6.", "mkdocs-material": "9.8."}
"""Version prefixes whose internals were read and tested; anything else gets plain rebuilds."""
DRAWING_PACKAGES: tuple[str, ...] = ("mkdocs", "mkdocs-material", "mkdocs-macros-plugin", "Markdown")
DRAWING_PACKAGES += ("pymdown-extensions", "Jinja2", "MarkupSafe", "Pygments")
SIGNATURES = {
    "render": ["self", "config", "files"],
    "_build_page": ["page", "config", "doc_files", "nav", "env", "dirty", "excluded"],
    "clean_directory": ["directory"],
}
POLLING_INTERVAL = 0.1
"""Seconds between two looks at the watched folders (MkDocs: 0.5 s, half of it waited on average)."""
CODE_SUFFIXES = (".py", ".html", ".j2", ".jinja")
PROBE = ".labsite-preview-probe"


def _digest(*parts: Any) -> bytes:
    h = hashlib.blake2b(digest_size=20)
    for part in parts:
        if isinstance(part, bytes):
            h.update(b"b%d:" % len(part) + part)
        else:
            text = part if isinstance(part, str) else repr(part)
            data = text.encode("utf-8", "surrogatepass")
            h.update(b"s%d:" % len(data) if isinstance(part, str) else b"r%d:" % len(data))
            h.update(data)
    return h.digest()


class _Bytecode(jinja2.BytecodeCache):
    """Compiled templates kept in memory across rebuilds; Jinja checks each one's source checksum."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = self.store.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


class Rendered(NamedTuple):
    """What `Page.render` leaves on a page, kept to set again when its inputs are the same."""

    content: str | None
    toc: TableOfContents
    title: str | None
    anchors: frozenset[str]
    links: dict[str, dict[str, str]] | None
    """`links_to_anchors` by the linked file's source path (files are new objects each rebuild)."""
    records: list[logging.LogRecord]


class Built(NamedTuple):
    """What `_build_page` makes of a page: the bytes it writes, its search entries, and its content
    as the search plugin left it."""

    output: bytes | None
    search_entries: tuple[dict, ...]
    content: str | None
    records: list[logging.LogRecord]


class Written(NamedTuple):
    """A page's bytes as this process last wrote (or found) them, and the file's stamp just after."""

    output: bytes
    mtime_ns: int
    size: int


class _Build:
    """What one rebuild knows: its keys, and the cache entries it used (the next cache)."""

    def __init__(self, site_dir: str, site_key: bytes, search: Any) -> None:
        self.site_dir = os.path.abspath(site_dir)
        self.site_key = site_key
        self.search = search
        self.since: int | None = None  # mtime (ns) at which the site folder would have been cleaned
        self.kept: set[str] = set()  # pages left in place because their bytes did not change
        self.rendered: dict[bytes, Rendered] = {}
        self.pages: dict[bytes, Built] = {}
        self.output: str | None = None
        self.reused = 0  # pages whose final HTML was reused
        self._files: tuple[int, bytes] | None = None
        self._nav: tuple[int, bytes] | None = None

    def files_key(self, files: Any) -> bytes:
        if self._files is None or self._files[0] != id(files):
            rows = [(f.src_uri, f.dest_uri, f.url, str(f.inclusion)) for f in files]
            self._files = (id(files), _digest(rows))
        return self._files[1]

    def nav_key(self, nav: Any) -> bytes:
        if self._nav is None or self._nav[0] != id(nav):
            homepage = nav.homepage.url if nav.homepage else None
            self._nav = (id(nav), _digest(_nav_rows(nav.items), homepage))
        return self._nav[1]


class _Cache:
    """The entries the last two rebuilds used: a typo that empties the pages, once fixed, finds them
    again (the rebuild in between used only the few pages it made); older entries are dropped."""

    def __init__(self) -> None:
        self.enabled = False
        self.build: _Build | None = None
        self.rendered: dict[bytes, Rendered] = {}
        self.pages: dict[bytes, Built] = {}
        self.older: tuple[dict[bytes, Rendered], dict[bytes, Built]] = ({}, {})
        self.bytecode = _Bytecode()
        self.original: dict[str, Any] = {}
        self.said: set[str] = set()
        self.written: dict[str, Written] = {}
        """By path: a reused page whose file still has that stamp holds those very bytes, unread."""

    def say_once(self, message: str) -> None:
        if message not in self.said:
            self.said.add(message)
            log.warning("preview cache off: %s; every page is rebuilt on each change", message)


_CACHE = _Cache()


# --- events ---------------------------------------------------------------------------------------


def on_startup(command: str, dirty: bool) -> None:
    _CACHE.enabled = command == "serve" and not dirty and _install()


def on_shutdown() -> None:
    _uninstall()
    _CACHE.enabled = False
    _CACHE.written.clear()


def on_serve(server: Any, config: Any, builder: Any) -> Any:
    """Look at the watched folders every 0.1 s. MkDocs gives no setting for it: the observer's and
    each emitter's `_timeout` (watchdog 6 and 7) are set; folders watched later take the observer's."""
    observer = getattr(server, "observer", None)
    emitters = getattr(observer, "emitters", None)
    if observer is None or not hasattr(observer, "_timeout") or emitters is None:
        _CACHE.say_once("the watcher is not the polling observer this hook knows (polling interval unchanged)")
        return server
    observer._timeout = POLLING_INTERVAL
    for emitter in list(emitters):
        if hasattr(emitter, "_timeout"):
            emitter._timeout = POLLING_INTERVAL
    return server


@event_priority(1000)
def on_config(config: Any) -> Any:
    _CACHE.build = None
    return config


@event_priority(-1000)  # every plugin has set up its state (the search index among them)
def on_pre_build(config: Any) -> None:
    _CACHE.build = None
    if not _CACHE.enabled:
        return
    search = _search_plugin(config)
    reason = _unexpected_plugins(config, search)
    if reason:
        _CACHE.say_once(reason)
        return
    _CACHE.build = _Build(config.site_dir, _site_key(config), search)


def on_env(env: jinja2.Environment, config: Any, files: Any) -> jinja2.Environment:
    if _CACHE.build is not None and env.bytecode_cache is None:
        env.bytecode_cache = _CACHE.bytecode
    return env


@event_priority(-1000)  # the page as every plugin left it: what MkDocs writes
def on_post_page(output: str, page: Any, config: Any) -> str:
    if _CACHE.build is not None:
        _CACHE.build.output = output
    return output


@event_priority(-1000)  # after every other writer, the search index included
def on_post_build(config: Any) -> None:
    build, _CACHE.build = _CACHE.build, None
    if build is None:
        return
    if build.since is not None:
        _remove_stale(build)
    log.info("Preview: %d of %d pages reused from earlier builds", build.reused, len(build.pages))
    _CACHE.older = (_CACHE.rendered, _CACHE.pages)
    _CACHE.rendered, _CACHE.pages = build.rendered, build.pages


def on_build_error(error: Exception) -> None:
    build, _CACHE.build = _CACHE.build, None
    if build is not None:  # the entries are right whatever failed later; the folder is tidied next time
        _CACHE.rendered.update(build.rendered)
        _CACHE.pages.update(build.pages)


# --- the wrapped MkDocs functions -----------------------------------------------------------------


def _wrapped() -> dict[str, Any]:
    """The MkDocs functions this hook wraps, as MkDocs has them now."""
    return {
        "render": Page.render,
        "_build_page": getattr(mkdocs_build, "_build_page", None),
        "clean_directory": getattr(utils, "clean_directory", None),
    }


def mismatches() -> list[str]:
    """Why the installed MkDocs or Material is not the one this hook was verified with (empty: it is)."""
    found = []
    for package, prefix in VERIFIED.items():
        version = _version(package)
        if not version.startswith(prefix):
            found.append(f"{package} {version} is not the verified {prefix}x")
    for name, function in _wrapped().items():
        try:
            parameters = list(inspect.signature(function).parameters)
        except (TypeError, ValueError):
            parameters = None
        if parameters != SIGNATURES[name]:
            found.append(f"MkDocs' {name} is not the one this hook was verified with")
    return found


def _install() -> bool:
    """Wrap the three functions once per process, if MkDocs and Material are the verified ones."""
    if _CACHE.original:
        return True
    found = mismatches()
    if found:
        _CACHE.say_once("; ".join(found))
        return False
    current = _wrapped()
    _CACHE.original = current
    _replace(Page, "render", _render)
    _replace(mkdocs_build, "_build_page", _build_page)
    _replace(utils, "clean_directory", _clean_directory)
    return True


def _replace(owner: object, name: str, value: object) -> None:
    """Put `value` in MkDocs' place of `name` (and back): the one way this hook changes MkDocs."""
    setattr(owner, name, value)


def _uninstall() -> None:
    if not _CACHE.original:
        return
    if Page.render is _render:
        _replace(Page, "render", _CACHE.original["render"])
    if mkdocs_build._build_page is _build_page:
        _replace(mkdocs_build, "_build_page", _CACHE.original["_build_page"])
    if utils.clean_directory is _clean_directory:
        _replace(utils, "clean_directory", _CACHE.original["clean_directory"])
    _CACHE.original = {}


def _render(self: Page, config: MkDocsConfig, files: Files) -> None:
    """`Page.render`, reused when the page's Markdown, place, the file list and the site are unchanged."""
    build = _CACHE.build
    if build is None or self.markdown is None:
        return _CACHE.original["render"](self, config, files)
    key = _digest(
        build.site_key, build.files_key(files), self.file.src_uri, self.file.dest_uri, self.url, self.markdown
    )
    entry = _CACHE.rendered.get(key) or _CACHE.older[0].get(key) or build.rendered.get(key)
    if entry is None:
        with _Capture() as records:
            _CACHE.original["render"](self, config, files)
        found = self.links_to_anchors
        links = None if found is None else {target.src_uri: dict(anchors) for target, anchors in found.items()}
        toc = copy.deepcopy(self.toc)
        anchors = frozenset(self.present_anchor_ids or ())
        entry = Rendered(self.content, toc, self._title_from_render, anchors, links, records)
    else:
        self.content, self.toc, self._title_from_render = entry.content, copy.deepcopy(entry.toc), entry.title
        self.present_anchor_ids = set(entry.anchors)
        if entry.links is not None:
            linked = ((files.get_file_from_path(uri), anchors) for uri, anchors in entry.links.items())
            self.links_to_anchors = {target: dict(anchors) for target, anchors in linked if target is not None}
        _replay(entry.records)
    build.rendered[key] = entry
    return None


def _build_page(
    page: Page,
    config: MkDocsConfig,
    doc_files: Files,
    nav: Navigation,
    env: jinja2.Environment,
    dirty: bool = False,
    excluded: bool = False,
) -> None:
    """`_build_page`, reused when everything the theme reads for the page is unchanged."""
    build = _CACHE.build
    original = _CACHE.original["_build_page"]
    if build is None or dirty:
        return original(page, config, doc_files, nav, env, dirty, excluded)
    key = _digest(build.site_key, build.nav_key(nav), build.files_key(doc_files), _page_rows(page), excluded)
    entry = _CACHE.pages.get(key) or _CACHE.older[1].get(key) or build.pages.get(key)
    entries = build.search.search_index.entries if build.search is not None else None
    if entry is None:
        start = len(entries) if entries is not None else 0
        build.output = None
        with _Capture() as records:
            original(page, config, doc_files, nav, env, dirty, excluded)
        text = build.output
        output = text.encode("utf-8", errors="xmlcharrefreplace") if text and text.strip() else None
        build.output = None
        added = tuple(entries[start:]) if entries is not None else ()
        entry = Built(output, added, page.content, records)
    else:
        page.content = entry.content
        if entries is not None:
            entries.extend(dict(item) for item in entry.search_entries)  # flat dicts, which the index only reads
        _replay(entry.records)
        if entry.output is not None:
            _write_if_changed(entry.output, page.file.abs_dest_path, build)
        build.reused += 1
    build.pages[key] = entry
    return None


def _clean_directory(directory: str) -> None:
    """Keep the site folder of a cached rebuild: note when the build starts writing, instead."""
    build = _CACHE.build
    if build is None or os.path.abspath(directory) != build.site_dir:
        return _CACHE.original["clean_directory"](directory)
    os.makedirs(directory, exist_ok=True)
    probe = os.path.join(directory, PROBE)
    with open(probe, "wb"):
        pass
    build.since = os.stat(probe).st_mtime_ns  # the file system's own clock, as the writes that follow
    os.remove(probe)
    return None


# --- helpers --------------------------------------------------------------------------------------


class _Capture(logging.Handler):
    """The log records emitted while a page is made, to log again when the page is reused."""

    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.records: list[logging.LogRecord] = []
        self._loggers = (logging.getLogger("mkdocs"), logging.getLogger())

    def emit(self, record: logging.LogRecord) -> None:
        # only this thread's: the server logs requests from its own thread meanwhile
        if record.thread == self._thread and not any(record is seen for seen in self.records):
            self.records.append(record)

    def __enter__(self) -> list[logging.LogRecord]:
        self._thread = threading.get_ident()
        for logger in self._loggers:
            logger.addHandler(self)
        return self.records

    def __exit__(self, *exc: object) -> None:
        for logger in self._loggers:
            logger.removeHandler(self)


def _replay(records: list[logging.LogRecord]) -> None:
    for record in records:
        logging.getLogger(record.name).handle(record)


def _write_if_changed(data: bytes, path: str, build: _Build) -> None:
    known = _CACHE.written.get(path)
    try:
        info = os.stat(path)
        stamp: tuple[int, int] | None = (info.st_mtime_ns, info.st_size)
    except OSError:
        stamp = None
    if known is not None and known.output is data and stamp == (known.mtime_ns, known.size):
        same = True  # written or read by this process as these bytes, and not touched since
    else:
        try:
            with open(path, "rb") as f:
                same = f.read() == data
        except OSError:
            same = False
    if same:
        build.kept.add(os.path.abspath(path))
    else:
        utils.write_file(data, path)
        info = os.stat(path)
        stamp = (info.st_mtime_ns, info.st_size)
    if stamp is not None:
        _CACHE.written[path] = Written(data, *stamp)


def _remove_stale(build: _Build) -> None:
    """Remove what a clean build would not have written: files older than this build, not kept.
    Hidden entries at the top are left, as `clean_directory` leaves them."""
    root, since = build.site_dir, build.since
    if since is None:
        return  # the folder was never going to be cleaned
    emptied: set[str] = set()  # folders that lost an entry here
    for current, _dirnames, filenames in os.walk(root, topdown=False):
        if current == root:
            filenames = [n for n in filenames if not n.startswith(".")]
        elif os.path.relpath(current, root).startswith("."):
            continue
        for name in filenames:
            path = os.path.join(current, name)
            if path not in build.kept and os.lstat(path).st_mtime_ns < since:
                os.remove(path)
                emptied.add(current)
        old = current in emptied or os.lstat(current).st_mtime_ns < since
        if current != root and old and not os.listdir(current):
            os.rmdir(current)
            emptied.add(os.path.dirname(current))


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "none"


def _search_plugin(config: Any) -> Any:
    for plugin in config.plugins.values():
        if type(plugin).__module__ == "material.plugins.search.plugin":
            return plugin
    return None


def _owner(method: Any) -> Any:
    return getattr(method, "__self__", None) or getattr(method, "__module__", None)


def _unexpected_plugins(config: Any, search: Any) -> str | None:
    """Why a page's output could depend on something the keys do not cover, or None."""
    if search is not None and not isinstance(getattr(getattr(search, "search_index", None), "entries", None), list):
        return "Material's search plugin does not keep its index as this hook expects"
    allowed = {"page_context": {search} - {None}, "post_page": set(), "env": set()}
    for event, owners in allowed.items():
        for method in config.plugins.events.get(event, []):
            owner = _owner(method)
            if owner != __name__ and owner not in owners:
                return f"a plugin acts on finished pages ({event}: {getattr(method, '__qualname__', method)})"
    return None


def _site_key(config: Any) -> bytes:
    """Everything a page's output may read that is the same for every page."""
    settings = [
        (name, repr(config[name])) for name in sorted(config.keys()) if name not in ("plugins", "hooks", "theme")
    ]
    plugins = [
        (name, type(p).__qualname__, repr(dict(getattr(p, "config", {}) or {}))) for name, p in config.plugins.items()
    ]
    theme = config.theme
    theme_rows = (
        theme.name,
        sorted((k, repr(v)) for k, v in dict(theme).items()),
        list(theme.dirs),
        sorted(theme.static_templates),
    )
    sources = [config.config_file_path] if config.config_file_path else []
    sources += [d for d in theme.dirs if "site-packages" not in os.path.realpath(d)]
    sources += [getattr(module, "__file__", None) or "" for module in config.hooks.values()]
    sources += [str(path) for path in config.watch]
    versions = [(package, _version(package)) for package in DRAWING_PACKAGES]
    return _digest(settings, plugins, theme_rows, versions, _sources_digest(sources, config.docs_dir))


def _sources_digest(paths: list[str], docs_dir: str) -> bytes:
    """The text of the configuration, theme and code files (data files are read by the pages' keys)."""
    h = hashlib.blake2b(digest_size=20)
    docs = os.path.realpath(docs_dir)
    for top in paths:
        if not top or not os.path.exists(top):
            h.update(f"missing {top}\0".encode())
            continue
        if os.path.isfile(top):
            files = [top]
        else:
            files = []
            for current, dirnames, filenames in os.walk(top):
                dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
                if os.path.realpath(current) == docs or os.path.realpath(current).startswith(docs + os.sep):
                    continue
                files += [os.path.join(current, n) for n in sorted(filenames) if n.endswith(CODE_SUFFIXES)]
        for path in files:
            with open(path, "rb") as f:
                h.update(path.encode() + b"\0" + f.read() + b"\0")
    return h.digest()


def _nav_rows(items: list) -> list:
    rows = []
    for item in items:
        file = getattr(item, "file", None)
        rows.append(
            (
                type(item).__name__,
                item.title,
                getattr(item, "url", None),
                file.src_uri if file is not None else None,
                _nav_rows(getattr(item, "children", None) or []),
            )
        )
    return rows


def _toc_rows(toc: Any) -> list:
    return [(t.title, t.id, t.level, getattr(t, "active", False), _toc_rows(t.children)) for t in toc or []]


def _page_rows(page: Any) -> tuple:
    """What the theme reads for one page, beyond the navigation and the site."""

    def near(other: Any) -> Any:
        return (other.title, other.url) if other is not None else None

    return (
        page.content,
        _toc_rows(page.toc),
        json.dumps(page.meta, sort_keys=True, default=repr, ensure_ascii=False),
        page.title,
        page.url,
        page.abs_url,
        page.canonical_url,
        page.edit_url,
        page.is_homepage,
        page.file.src_uri,
        page.file.dest_uri,
        page.file.abs_dest_path,
        page.update_date,
        near(page.previous_page),
        near(page.next_page),
        [(a.title, getattr(a, "url", None)) for a in page.ancestors],
    )
