"""JSON-LD as search engines read it: every block on every page expands with a JSON-LD processor
(PyLD) and fits the schema.org vocabulary (types, properties, domains and ranges)."""

from __future__ import annotations

import json

import pytest
from pyld import jsonld
from schema_vocabulary import SCHEMA, expand, problems_of, vocabulary
from sitebuild import FIXTURE_DATA, REAL_ROOT, Build

from labsite.site import load_site


def _blocks(build: Build) -> dict[str, list[dict]]:
    """Every JSON-LD block of the built site, by page."""
    found = {}
    for html in sorted(build.site.rglob("*.html")):
        page = str(html.relative_to(build.site))
        scripts = build.page(page).select('script[type="application/ld+json"]')
        if scripts:
            found[page] = [json.loads(script.string) for script in scripts]
    return found


@pytest.mark.parametrize(("build_name", "data"), [("real_site", REAL_ROOT / "data"), ("fixture_site", FIXTURE_DATA)])
def test_every_json_ld_block_expands_and_fits_the_schema_org_vocabulary(request, build_name, data):
    build = request.getfixturevalue(build_name)
    blocks = _blocks(build)
    site = load_site(data.parent)
    papers = {f"publications/{pub.id}/index.html" for pub in site.publications}
    assert set(blocks) == papers | {"index.html"}
    problems = {page: problems_of(block) for page, found in blocks.items() for block in found}
    assert {page: found for page, found in problems.items() if found} == {}


def test_a_conference_paper_is_part_of_proceedings_named_for_the_venue(fixture_site):
    block = _blocks(fixture_site)["publications/fixture-one/index.html"][0]
    assert block["@type"] == "ScholarlyArticle"
    assert block["isPartOf"] == {"@type": "CreativeWork", "name": "Conference on Foo", "alternateName": "FOO"}


def test_a_journal_paper_is_part_of_a_periodical(fixture_site):
    block = _blocks(fixture_site)["publications/fixture-two/index.html"][0]
    assert block["isPartOf"] == {"@type": "Periodical", "name": "Journal of Bar", "alternateName": "JBAR"}


def test_a_thesis_is_a_thesis_from_its_institution(fixture_site):
    block = _blocks(fixture_site)["publications/fixture-five/index.html"][0]
    assert block["@type"] == "Thesis"
    assert block["sourceOrganization"] == {"@type": "CollegeOrUniversity", "name": "Example University"}
    assert "isPartOf" not in block


def test_expansion_keeps_every_property_of_the_paper(fixture_site):
    """Nothing is dropped by the processor: each key of the block comes out as a schema.org term."""
    block = _blocks(fixture_site)["publications/fixture-one/index.html"][0]
    (node,) = expand(block)
    assert node["@type"] == [SCHEMA + "ScholarlyArticle"]
    keys = {key for key in block if not key.startswith("@")}
    assert {key for key in node if not key.startswith("@")} == {SCHEMA + key for key in keys}
    assert node[SCHEMA + "isPartOf"][0]["@type"] == [SCHEMA + "CreativeWork"]


ARTICLE = {"@context": "https://schema.org", "@type": "ScholarlyArticle", "name": "A paper"}


@pytest.mark.parametrize(
    ("extra", "complaint"),
    [
        ({"isPartOf": {"@type": "Event", "name": "A conference"}}, "a ['Event'] where ['CreativeWork', 'URL']"),
        ({"jobTitle": "Professor"}, "/jobTitle: not a property of ['ScholarlyArticle']"),
        ({"venueName": "A conference"}, "unknown property http://schema.org/venueName"),
        ({"author": {"@type": "LabMember", "name": "A. Person"}}, "unknown type http://schema.org/LabMember"),
        ({"author": 3}, "the literal 3 is not one of ['Organization', 'Person']"),
        ({"datePublished": "May 2024"}, "'May 2024' is not an ISO 8601 date"),
    ],
)
def test_the_vocabulary_check_refuses_what_schema_org_does_not_allow(extra, complaint):
    assert problems_of(ARTICLE) == []
    assert any(complaint in problem for problem in problems_of({**ARTICLE, **extra})), problems_of({**ARTICLE, **extra})


def test_a_block_that_is_not_json_ld_fails_to_expand():
    with pytest.raises(jsonld.JsonLdError):
        expand({"@context": {"@vocab": 5}, "@type": "Thing"})


def test_the_processor_fetches_nothing_but_the_bundled_schema_org_context():
    with pytest.raises(jsonld.JsonLdError):
        expand({"@context": "https://example.org/context.jsonld", "name": "x"})


def test_the_vocabulary_knows_the_supertypes_used_for_domains():
    assert SCHEMA + "Organization" in vocabulary().ancestors(SCHEMA + "CollegeOrUniversity")
    assert SCHEMA + "CreativeWork" in vocabulary().ancestors(SCHEMA + "Periodical")
