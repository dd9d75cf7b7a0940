"""Property-based: any text in any text field of any model is refused with a clear message, or reaches
the generated pages' specs and the rendered blocks as text — escaped, never evaluated.

The fields are found by walking the models (every `Model` subclass and each field whose type is a
string), not from a list: a field added tomorrow is tried too. Each example puts one value into one
field of the fixture lab, through YAML as a data file holds it (so escapes like "\\u202e" and YAML's
own syntax are in play), then through the model, the rules, the page specs and every block.
"""

from __future__ import annotations

import atexit
import dataclasses
import json
import shutil
import tempfile
import types
import typing
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from hypothesis import event, example, given, settings
from hypothesis import strategies as st
from markupsafe import escape
from pydantic import AfterValidator, BaseModel
from sitebuild import FIXTURE_DATA

from labsite import characters
from labsite.check import load_checked, run
from labsite.derive.views import Site
from labsite.models import common
from labsite.models.common import Model
from labsite.models.people import Person
from labsite.models.publications import Publication
from labsite.read import validate, yamlfile
from labsite.read.load import SiteData
from labsite.render import outputs
from labsite.render.blocks import Blocks
from labsite.render.cv import CvError
from labsite.render.pages import generated_pages

EVALUATED = "zqjx"
"""What the Jinja in `JINJA` prints when evaluated: it must never appear in the output."""
JINJA = [
    "{{ 7*7 }}", "{% raw %}", "{% endraw %}", "{{ config }}", "{#", "#}", "{{ 'zq' ~ 'jx' }}",
    "{% set x = 'zq' ~ 'jx' %}{{ x }}", "{{ self.__init__.__globals__ }}", "{{ lipsum }}",
    "{%- if true -%}zq{%- endif -%}jx",
]  # fmt: skip
YAML_BREAKING = [
    "---", "...", "---\nname: x", ": ", " #", "&a ", "*a", "!!python/object/apply:os.system ['id']", '"', "'", "|",
    ">-", "- ", "? ", "%YAML 1.1", "\\", "\x85", "\u2028", "\u2029", "\u202e", "\u2066", "\t", "\n", "\r\n",
    "\x00", "\x1b[31m", "\ufeff", "\ufffe", "\U0010ffff", "<script>x</script>", "&amp;",
]  # fmt: skip
anything = st.characters(exclude_categories=())  # every code point, lone surrogates and controls included
visible = st.characters(exclude_categories=("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"))
VISIBLE_BITS = [b for b in JINJA + YAML_BREAKING if not characters.found(characters.NOT_IN_ONE_LINE, b)]


def texts(bits: list[str], chars: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    pieces = st.sampled_from(bits) | st.text(chars, min_size=1, max_size=5)
    return st.lists(pieces, min_size=1, max_size=6).map("".join).filter(lambda s: EVALUATED not in s.casefold())


values = texts(JINJA + YAML_BREAKING, anything) | texts(VISIBLE_BITS, visible)
"""Anything at all (mostly refused), or visible text with Jinja and YAML syntax (mostly accepted)."""


# --- the fields, from the models ----------------------------------------------------------------
def models() -> list[type[BaseModel]]:
    found, waiting = [], list(Model.__subclasses__())
    while waiting:
        model = waiting.pop(0)
        found.append(model)
        waiting.extend(model.__subclasses__())
    return found


def _strings(annotation: Any) -> tuple[str, list[Any]] | None:
    """('one', metadata) for a str field, ('list', metadata) for a list of str; else None."""
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        inner = _strings(args[0])
        return (inner[0], [*inner[1], *annotation.__metadata__]) if inner else None
    if annotation is str:
        return ("one", [])
    if origin is list and args:
        inner = _strings(args[0])
        return ("list", inner[1]) if inner and inner[0] == "one" else None
    if origin in (typing.Union, types.UnionType):
        options = [_strings(a) for a in args if a is not type(None)]
        return options[0] if len(options) == 1 else None
    return None


def kind_of(metadata: list[Any]) -> str:
    """'line' (Text, Name), 'markdown' (Markdown, NewsText) or 'other' (ids, links, dates...)."""
    funcs = {getattr(m, "func", None) for m in metadata if isinstance(m, AfterValidator)}
    if common._one_line in funcs:
        return "line"
    if common._MARKDOWN_CHARACTERS.func in funcs:
        return "markdown"
    return "other"


@cache
def text_fields() -> list[tuple[type[BaseModel], str, str, str]]:
    """(model, field, 'one' or 'list', kind) for every string field of every model."""
    fields = []
    for model in models():
        for name, info in model.model_fields.items():
            annotation = typing.Annotated[info.annotation, *info.metadata] if info.metadata else info.annotation
            found = _strings(annotation)
            if found:
                fields.append((model, name, found[0], kind_of(found[1])))
    return fields


def test_the_fields_found_include_every_kind_of_text_field():
    """The walk finds the fields a person types text into (a broken walk would test nothing)."""
    found = {(model.__name__, name): kind for model, name, _, kind in text_fields()}
    assert found[("Person", "name")] == "line" and found[("Person", "bio")] == "markdown"
    assert found[("Publication", "authors")] == "line" and found[("NewsItem", "text")] == "markdown"
    assert found[("Person", "email")] == "other" and found[("Link", "url")] == "other"
    assert len(found) > 40
    assert all(example_of(model) is not None for model, *_ in text_fields()), "a model the fixture lab lacks"


# --- the fixture, and one value put in one place of it -------------------------------------------
@cache
def fixture() -> SiteData:
    return load_checked(FIXTURE_DATA.parent)


def instances(value: Any) -> Iterator[BaseModel]:
    """Every model instance inside `value` (the site's data), outermost first."""
    if isinstance(value, BaseModel):
        yield value
        for name in type(value).model_fields:
            yield from instances(getattr(value, name))
    elif isinstance(value, list | tuple):
        for item in value:
            yield from instances(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from instances(item)
    elif dataclasses.is_dataclass(value):
        for f in dataclasses.fields(value):
            if f.name not in ("documents", "warnings", "root"):
                yield from instances(getattr(value, f.name))


def replaced(value: Any, old: BaseModel, new: BaseModel) -> Any:
    """`value` with the instance `old` (by identity) replaced by `new`, everything else shared."""
    if value is old:
        return new
    if isinstance(value, BaseModel):
        changes = {n: replaced(getattr(value, n), old, new) for n in type(value).model_fields}
        return value.model_copy(update={n: v for n, v in changes.items() if v is not getattr(value, n)})
    if isinstance(value, list):
        return [replaced(v, old, new) for v in value]
    if isinstance(value, dict):
        return {k: replaced(v, old, new) for k, v in value.items()}
    if isinstance(value, SiteData):
        names = [f.name for f in dataclasses.fields(value) if f.name not in ("documents", "warnings", "root")]
        return dataclasses.replace(value, **{n: replaced(getattr(value, n), old, new) for n in names})
    return value


def example_of(model: type[BaseModel]) -> BaseModel | None:
    """An instance of `model` in the fixture lab whose field holds something (so it is shown)."""
    return next((i for i in instances(fixture()) if type(i) is model), None)


TMP = Path(tempfile.mkdtemp(prefix="labsite-trust-"))
atexit.register(shutil.rmtree, TMP, True)


def through_yaml(document: dict[str, Any]) -> tuple[Any, list[Any]]:
    """The document as a data file holds it, read back by the site's own YAML reader."""
    path = TMP / "record.yml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return yamlfile.read(path, "data/record.yml")


def assert_clear(errors: list[Any], field: str) -> None:
    """DataError-shaped: a place, a message, nothing raw in it that could disguise or break a line."""
    assert errors
    for error in errors:
        assert error.file == "data/record.yml" and error.line >= 0 and error.message.strip(), error
        assert not characters.found(characters.NOT_IN_MESSAGES, str(error)), repr(str(error))
        assert error.field == "" or error.field.split("[")[0].split(".")[0] == field, error


# --- rendering ---------------------------------------------------------------------------------
def rendered(site: Site) -> str:
    """Every block a page can ask for, and every generated page's body."""
    blocks = Blocks(site)
    parts = [str(getattr(blocks, name)()) for name in Blocks.API if name != "has"]
    parts += [blocks.person_page(i) for i in site.data.people]
    parts += [blocks.publication_page(p.id) for p in site.data.publications]
    parts += [blocks.project_page(p.id) for p in site.data.projects]
    return "\n".join(parts)


def with_value(model: type[BaseModel], field: str, shape: str, value: str) -> SiteData:
    """The fixture lab's data with `value` in `field` of its instance of `model` (unchecked)."""
    original = example_of(model)
    old = getattr(original, field)
    new = [value, *old[1:]] if shape == "list" else value
    return replaced(fixture(), original, original.model_copy(update={field: new}))


PROBE = "Probe Qxv Wend"


@cache
def shown_by_blocks(model: type[BaseModel], field: str, shape: str) -> bool:
    """Whether the blocks show this field: a plain probe value put there appears in them."""
    data = with_value(model, field, shape, PROBE)
    return PROBE in rendered(Site(data))


@cache
def pages_before() -> list[tuple[str, str, str]]:
    return [(p.path, p.kind, p.id) for p in generated_pages(Site(fixture()))]


def title_of(data: SiteData, kind: str, page_id: str) -> str:
    if kind == "person":
        return data.people[page_id].name
    if kind == "publication":
        return next(p.title for p in data.publications if p.id == page_id)
    return next(p.name for p in data.projects if p.id == page_id)


def fields_of_each_kind() -> st.SearchStrategy[tuple[type[BaseModel], str, str, str]]:
    """A kind first, then one of its fields: Markdown fields are few, and tried as often as the others."""
    kinds = sorted({kind for *_, kind in text_fields()})
    return st.sampled_from(kinds).flatmap(lambda k: st.sampled_from([f for f in text_fields() if f[3] == k]))


@settings(max_examples=150, deadline=None)
@given(where=fields_of_each_kind(), value=values)
@example(where=(Person, "name", "one", "line"), value="Bo {{ 7*7 }} Tern")
@example(where=(Publication, "title", "one", "line"), value="{% raw %}{{ config }}: a --- study #1")
@example(where=(Person, "bio", "one", "markdown"), value="{{ 7*7 }}\n\n---\n\n{% raw %}\x85")
@example(where=(Person, "name", "one", "line"), value="Bo \u202eTern")
def test_any_text_in_any_field_is_refused_clearly_or_shown_escaped_and_never_evaluated(where, value):
    model, field, shape, kind = where
    original = example_of(model)
    document = original.model_dump(mode="python", exclude_none=True)
    old = getattr(original, field)
    document[field] = [value, *old[1:]] if shape == "list" and old else [value] if shape == "list" else value
    read, problems = through_yaml(document)
    if problems:
        event("refused by the YAML reader")
        assert_clear(problems, field)
        return
    record, problems = validate.check(model, read, "data/record.yml")
    if record is None:
        event(f"refused by the model ({kind})")
        assert_clear(problems, field)
        return
    data = replaced(fixture(), original, record)
    errors, _ = run(data)
    if errors:
        event("refused by a rule")
        assert all(e.message.strip() and not characters.found(characters.NOT_IN_MESSAGES, str(e)) for e in errors)
        return
    event(f"accepted ({kind})")
    stored = getattr(record, field)
    stored = stored[0] if shape == "list" else stored
    if kind in ("line", "markdown"):
        assert not characters.found(characters.NOT_IN_MARKDOWN, stored), repr(stored)
    if kind == "line":
        assert not characters.found(characters.NOT_IN_ONE_LINE, stored), repr(stored)

    site = Site(data)
    pages = generated_pages(site)
    html = rendered(site)
    address = outputs.Address("https://lab.example.org/", "https://github.com/example/lab")
    heads = [json.dumps(outputs.head(site, p, outputs.canonical(p, address)), default=str) for p in pages]
    try:
        made = outputs.files(site, address)
    except CvError as error:
        # Typst (PDF/UA-1) refuses text no installed font can show: the build stops, naming the text
        event("refused by the CV's typesetting")
        assert "could not be displayed" in str(error) and "\n" not in str(error), str(error)
        return
    files = [f.content for f in made if isinstance(f.content, str)]  # BibTeX, the feeds, llms.txt, robots.txt
    # No expression in the value was evaluated, anywhere a page or a file gets its text from.
    for text in [html, *(p.title for p in pages), *(p.description for p in pages), *heads, *files]:
        assert EVALUATED not in text.casefold()
    # Every page is still there, at its path, with the title its data gives it.
    assert [(p.path, p.kind, p.id) for p in pages] == pages_before()
    for page in pages:
        assert page.title == title_of(data, page.kind, page.id)
        given = outputs.meta(page)
        assert (given["title"], given["description"]) == (escape(page.title), escape(page.description))
    # A one-line value of a field the blocks show is shown, escaped, as typed.
    if kind == "line" and shown_by_blocks(model, field, shape):
        assert str(escape(stored)) in html, stored
