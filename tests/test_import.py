"""Import by identifier and sync, against recorded answers of the real services on 127.0.0.1.

Every test runs the command as a maintainer does (`python -m labsite …`) on a copy of the fixture
lab, with the services' base URLs pointing at `services.py`'s server.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import yaml
from services import RECORDED, Route, Services, serve

from labsite.check import load_checked
from labsite.commands.merge import venue_name
from labsite.derive.views import Site
from labsite.names import title_key as normalise_title

DBLP_PID = "23/7512"
PERSON = {f"/dblp/pid/{DBLP_PID}.xml": Route("dblp-person-23-7512.xml", content_type="application/xml")}
NRMP_DOI = "10.1038/s43586-021-00024-3"
NRMP = {f"/crossref/works/{NRMP_DOI}": Route("crossref-10.1038-s43586-021-00024-3.json")}
ARXIV = {"/arxiv/query?id_list=1605.08386": Route("arxiv-1605.08386.xml", content_type="application/atom+xml")}


@pytest.fixture
def services():
    found = Services()
    server = serve(found)
    yield found
    server.shutdown()


def labsite(project: Path, services: Services, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **services.env()}
    return subprocess.run(
        [sys.executable, "-m", "labsite", *args], cwd=project, env=env, capture_output=True, text=True, timeout=120
    )


def data_files(project: Path) -> dict[str, str]:
    return {p.name: p.read_text() for p in sorted((project / "data").glob("*.yml"))}


def publications(project: Path) -> dict[str, dict]:
    return {p["title"]: p for p in yaml.safe_load((project / "data/publications.yml").read_text())["publications"]}


def dblp_records() -> list[ET.Element]:
    root = ET.parse(RECORDED / "dblp-person-23-7512.xml").getroot()
    return [e for e in root.iter() if e.tag in ("article", "inproceedings", "incollection")]


BIG_PID = "p/DAPatterson"
BIG = {f"/dblp/pid/{BIG_PID}.xml": Route("dblp-person-p-DAPatterson.xml", content_type="application/xml")}
KNOWN = """
  - id: already-here
    title: {title}
    doi: {doi}
    authors: [Ada Quill]
    type: preprint
    year: {year}
"""


def title_key(record: ET.Element) -> str:
    return normalise_title("".join(record.find("title").itertext()).rstrip("."))


def printed_names(record: ET.Element) -> list[str]:
    """A record's authors as DBLP prints them, without its homonym numbers ('… 0001')."""
    return [re.sub(r"\s+\d{4}$", "", " ".join(a.text.split())) for a in record.findall("author")]


def test_a_dblp_person_page_of_hundreds_of_records_puts_each_paper_on_the_site_once(fixture_project, services):
    services.routes.update(BIG)
    root = ET.parse(RECORDED / "dblp-person-p-DAPatterson.xml").getroot()
    records = [r[0] for r in root.findall("r")]
    assert len(records) == int(root.get("n")) >= 100  # the whole page, as DBLP counts it
    papers = [e for e in records if e.tag in ("article", "inproceedings", "incollection")]
    others = [e for e in records if e not in papers]  # books and proceedings volumes: not papers
    assert others and any(e.get("publtype") == "informal" for e in papers)
    by_title: dict[str, list[ET.Element]] = {}
    for record in papers:
        by_title.setdefault(title_key(record), []).append(record)
    assert len(by_title) < len(papers)  # some papers are listed twice (CoRR preprint and venue version)

    # one paper of the page is on the site already, under its DOI and a title typed by hand
    known = next(
        e for e in papers if e.get("publtype") != "informal" and e.findtext("ee", "").startswith("https://doi.org/")
    )
    doi = known.findtext("ee").removeprefix("https://doi.org/")
    path = fixture_project / "data/publications.yml"
    path.write_text(path.read_text() + KNOWN.format(title='"Our own copy"', doi=doi, year=known.findtext("year")))
    before = data_files(fixture_project)
    ids_before = [p["id"] for p in yaml.safe_load(before["publications.yml"])["publications"]]

    # the dry run and the run, side by side on two copies of the project (both mostly wait on rate limits)
    preview = shutil.copytree(fixture_project, fixture_project.parent / "preview")
    with ThreadPoolExecutor(2) as pool:
        dry_run = pool.submit(labsite, preview, services, "import", f"dblp:{BIG_PID}", "--dry-run")
        run = pool.submit(labsite, fixture_project, services, "import", f"dblp:{BIG_PID}")
        shown, done = dry_run.result(), run.result()
    assert shown.returncode == 0, shown.stdout + shown.stderr
    assert data_files(preview) == before
    assert done.returncode == 0, done.stdout + done.stderr
    after = yaml.safe_load(path.read_text())["publications"]
    assert path.read_text().startswith(before["publications.yml"].rstrip("\n"))
    new = [p for p in after if p["id"] not in ids_before]
    # every paper of the page is on the site once: the known one matched by its DOI, every other added once
    assert len({p["id"] for p in after}) == len(after)
    on_site = [normalise_title(p["title"]) for p in after]
    assert sorted(normalise_title(p["title"]) for p in new) == sorted(set(by_title) - {title_key(known)})
    assert all(on_site.count(title) == 1 for title in by_title if title != title_key(known))
    assert title_key(known) not in on_site
    assert next(p for p in after if p["id"] == "already-here")["title"] == "Our own copy"
    assert "already present (same doi): already-here — " in done.stdout
    assert f"{len(new)} added, 0 updated, 1 already present" in done.stdout
    assert not {title_key(e) for e in others} & set(on_site)
    # the dry run showed exactly what the run wrote
    assert re.findall(r"^would add:\n  - id: (\S+)$", shown.stdout, re.M) == [p["id"] for p in new]
    # each entry says what one of its records says: year, and authors as printed (accents kept, no homonym numbers)
    for entry in new:
        mine = by_title[normalise_title(entry["title"])]
        assert entry["year"] in {int(e.findtext("year")) for e in mine}
        assert entry["authors"] in [printed_names(e) for e in mine]
    assert any(not name.isascii() for entry in new for name in entry["authors"])
    # an outside co-author DBLP keeps under two ids that carry one ORCID is listed as one person
    orcid_spellings: dict[str, set[str]] = {}
    for record in papers:
        for author in record.findall("author"):
            if author.get("orcid"):
                orcid_spellings.setdefault(author.get("orcid"), set()).add(re.sub(r" \d{4}$", "", author.text))
    printed = {name for entry in new for name in entry["authors"]}
    split = [names for names in orcid_spellings.values() if len(names) > 1 and names <= printed]
    assert split  # the recording has one (two DBLP ids, one ORCID)
    listed = yaml.safe_load((fixture_project / "data/authors.yml").read_text())["authors"]
    for names in split:
        assert any(names <= {a["name"], *a.get("aliases", [])} for a in listed), names

    checked = labsite(fixture_project, services, "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert f"({len(after)} publications" in checked.stderr


def test_dblp_person_with_many_records_becomes_one_entry_per_paper(fixture_project, services):
    services.routes.update(PERSON)
    before = data_files(fixture_project)
    done = labsite(fixture_project, services, "import", f"dblp:{DBLP_PID}")
    assert done.returncode == 0, done.stdout + done.stderr

    records = dblp_records()
    titles = {normalise_title("".join(e.find("title").itertext()).rstrip(".")) for e in records}
    assert len(records) > len(titles)  # the page lists some papers twice: CoRR preprint and venue version
    after = publications(fixture_project)
    assert len(after) == len(yaml.safe_load(before["publications.yml"])["publications"]) + len(titles)
    assert (fixture_project / "data/publications.yml").read_text().startswith(before["publications.yml"].rstrip("\n"))
    assert (fixture_project / "data/venues.yml").read_text().startswith(before["venues.yml"].rstrip("\n"))

    # a paper DBLP lists as a CoRR preprint and as a journal article is the journal's version, arXiv link kept
    both = next(
        e
        for e in records
        if e.get("publtype") != "informal"
        and any(
            o.get("publtype") == "informal"
            and normalise_title("".join(o.find("title").itertext()).rstrip("."))
            == normalise_title("".join(e.find("title").itertext()).rstrip("."))
            for o in records
        )
    )
    entry = next(
        p for t, p in after.items() if normalise_title(t) == normalise_title(both.findtext("title").rstrip("."))
    )
    assert "type" not in entry and entry["venue"]
    assert entry["doi"] == next(x.text for x in both.findall("ee") if "doi.org" in x.text).split("doi.org/")[1]
    assert entry["links"]["arxiv"].startswith("https://arxiv.org/abs/")
    # DBLP's homonym numbers are not part of names
    assert not any(a.split()[-1].isdigit() for p in after.values() for a in p["authors"])
    site = load_checked(fixture_project)
    for venue in {p["venue"] for p in after.values() if "venue" in p}:
        assert venue in site.venues


def test_conference_paper_venue_maps_to_the_registry_by_acronym(fixture_project, services):
    services.routes.update(PERSON)
    venues = fixture_project / "data/venues.yml"
    venues.write_text(
        venues.read_text()
        + "  - id: ISCA\n    name: International Symposium on Computer Architecture\n    type: conference\n"
    )
    done = labsite(fixture_project, services, "import", f"dblp:{DBLP_PID}")
    assert done.returncode == 0, done.stderr
    isca = [e for e in dblp_records() if e.findtext("booktitle") == "ISCA"]
    assert isca
    after = publications(fixture_project)
    for record in isca:
        entry = next(
            p for t, p in after.items() if normalise_title(t) == normalise_title(record.findtext("title").rstrip("."))
        )
        assert entry["venue"] == "ISCA"
    assert (
        yaml.safe_load(venues.read_text())["venues"].count(
            {"id": "ISCA", "name": "International Symposium on Computer Architecture", "type": "conference"}
        )
        == 1
    )


def test_journal_article_from_crossref_keeps_accents_and_adds_the_missing_venue(fixture_project, services):
    services.routes.update(NRMP)
    done = labsite(fixture_project, services, "import", f"doi:{NRMP_DOI}", "--summary", "summary.md")
    assert done.returncode == 0, done.stdout + done.stderr
    import json

    message = json.loads((RECORDED / "crossref-10.1038-s43586-021-00024-3.json").read_text())["message"]
    entry = publications(fixture_project)[message["title"][0]]
    assert entry["authors"] == [f"{a['given']} {a['family']}" for a in message["author"]]
    assert entry["authors"][0] == "Ēriks Kupče"
    assert entry["doi"] == NRMP_DOI and entry["year"] == 2021
    venues = {v["id"]: v for v in yaml.safe_load((fixture_project / "data/venues.yml").read_text())["venues"]}
    added = venues[entry["venue"]]
    assert added == {"id": added["id"], "name": message["container-title"][0], "type": "journal"}
    summary = (fixture_project / "summary.md").read_text()
    assert f"`doi:{NRMP_DOI}` | 1 |" in summary and message["container-title"][0] in summary
    assert f"added venue {added['id']}: {message['container-title'][0]} (journal)" in done.stdout


def test_arxiv_preprint_keeps_abstract_and_links(fixture_project, services):
    services.routes.update(ARXIV)
    done = labsite(fixture_project, services, "import", "arxiv:1605.08386")
    assert done.returncode == 0, done.stderr
    entry = publications(fixture_project)["Heat-bath random walks with Markov bases"]
    assert entry["type"] == "preprint" and entry["year"] == 2016 and entry["month"] == 5
    assert entry["links"] == {"arxiv": "https://arxiv.org/abs/1605.08386", "pdf": "https://arxiv.org/pdf/1605.08386v1"}
    assert entry["abstract"].startswith("Graphs on lattice points") and "\n" not in entry["abstract"]


PREPRINT = """
  - id: gpu-interconnect-preprint
    title: "Evaluating Modern GPU Interconnect: PCIe, NVLink, NV-SLI, NVSwitch and GPUDirect"
    authors: [Ada Quill, Bo Tern]
    # a comment the import must keep
    type: preprint
    year: 2019
    links: {arxiv: "https://arxiv.org/abs/1903.04611"}
"""


def test_preprint_on_the_site_becomes_the_published_version_only_with_update(fixture_project, services):
    services.routes.update(PERSON)
    path = fixture_project / "data/publications.yml"
    path.write_text(path.read_text() + PREPRINT)
    done = labsite(fixture_project, services, "import", f"dblp:{DBLP_PID}")
    assert done.returncode == 0, done.stderr
    assert "would change gpu-interconnect-preprint with --update: published at" in done.stdout
    entry = next(p for p in yaml.safe_load(path.read_text())["publications"] if p["id"] == "gpu-interconnect-preprint")
    assert entry["type"] == "preprint"

    done = labsite(fixture_project, services, "import", f"dblp:{DBLP_PID}", "--update")
    assert done.returncode == 0, done.stderr
    text = path.read_text()
    assert "    # a comment the import must keep\n" in text
    entries = [p for p in yaml.safe_load(text)["publications"] if "GPU Interconnect: PCIe" in p["title"]]
    assert len(entries) == 1
    (entry,) = entries
    assert entry["id"] == "gpu-interconnect-preprint" and "type" not in entry
    assert entry["doi"] == "10.1109/TPDS.2019.2928289" and entry["year"] == 2020
    assert entry["links"]["arxiv"] == "https://arxiv.org/abs/1903.04611"
    assert entry["authors"] == ["Ada Quill", "Bo Tern"]  # hand-kept fields stay


def test_dry_run_prints_the_yaml_and_changes_nothing(fixture_project, services):
    services.routes.update(NRMP)
    before = data_files(fixture_project)
    done = labsite(fixture_project, services, "import", f"doi:{NRMP_DOI}", "--dry-run")
    assert done.returncode == 0, done.stderr
    assert "would add:\n  - id: parallel-nuclear-magnetic-resonance\n" in done.stdout
    assert "    doi: 10.1038/s43586-021-00024-3\n" in done.stdout
    assert data_files(fixture_project) == before


def test_a_second_run_is_served_from_the_cache_and_adds_nothing(fixture_project, services):
    services.routes.update(NRMP)
    labsite(fixture_project, services, "import", f"doi:{NRMP_DOI}")
    after_first, hits = data_files(fixture_project), len(services.hits)
    done = labsite(fixture_project, services, "import", f"doi:{NRMP_DOI}")
    assert "0 added, 0 updated, 1 already present" in done.stdout
    assert len(services.hits) == hits and data_files(fixture_project) == after_first
    assert (fixture_project / ".cache/labsite-http").is_dir()


def test_requests_name_the_site_and_its_contact(fixture_project, services):
    services.routes.update(NRMP)
    labsite(fixture_project, services, "import", f"doi:{NRMP_DOI}")
    contact = load_checked(fixture_project).profile.email
    assert services.hits and all(
        agent.startswith("labsite/") and f"(mailto:{contact})" in agent for _, agent in services.hits
    )


def test_sync_imports_for_people_with_a_dblp_id_and_names_them_as_on_the_site(fixture_project, services):
    services.routes.update(PERSON)
    original = {p["id"] for p in publications(fixture_project).values()}
    profile = fixture_project / "data/profile.yml"
    profile.write_text(
        profile.read_text().replace("title: Associate Professor", f"dblp: {DBLP_PID}\ntitle: Associate Professor")
    )
    done = labsite(fixture_project, services, "sync", "--summary", "summary.md")
    assert done.returncode == 0, done.stdout + done.stderr
    name = load_checked(fixture_project).profile.name
    after = publications(fixture_project)
    mine = [p for p in after.values() if name in p["authors"] and p["id"] not in original]
    assert len(mine) == len({normalise_title(e.findtext("title").rstrip(".")) for e in dblp_records()})
    assert f"| `dblp:{DBLP_PID}` | {len(dblp_records())} |" in (fixture_project / "summary.md").read_text()


def test_orcid_works_without_a_description_are_reported_not_invented(fixture_project, services):
    services.routes["/orcid/0000-0001-9045-0723/works"] = Route("orcid-0000-0001-9045-0723-works.json")
    before = data_files(fixture_project)
    done = labsite(fixture_project, services, "import", "orcid:0000-0001-9045-0723")
    assert done.returncode == 0, done.stderr
    assert (
        "skipped 'JIP3 links lysosome transport" in done.stdout
        and "not found at Crossref: doi:10.1101/2020.06.24.169219" in done.stdout
    )
    assert data_files(fixture_project) == before
    assert any(path.startswith("/crossref/works/10.1073/pnas.2004335117") for path, _ in services.hits)


@pytest.mark.parametrize(
    ("route", "message"),
    [
        (None, "error: not found at Crossref: doi:10.1234/absent."),
        (
            Route(status=500),
            "error: Crossref answered 500 Internal Server Error for doi:10.1234/absent after 2 retries.",
        ),
        (
            Route("crossref-10.1038-s43586-021-00024-3.json", delay=3),
            "error: Crossref did not answer within 1 s for doi:10.1234/absent",
        ),
        (Route(busy_first=10), "error: Crossref is rate-limiting us (429 Too Many Requests) for doi:10.1234/absent"),
    ],
    ids=["404", "500", "timeout", "429"],
)
def test_a_failing_service_gives_one_clear_line_and_changes_nothing(fixture_project, services, route, message):
    services.routes.update(NRMP)
    if route:
        services.routes["/crossref/works/10.1234/absent"] = route
    before = data_files(fixture_project)
    done = labsite(fixture_project, services, "import", f"doi:{NRMP_DOI}", "doi:10.1234/absent")
    assert done.returncode == 1
    assert message in done.stderr and "Nothing was changed." in done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert data_files(fixture_project) == before


def test_429_with_retry_after_is_waited_out(fixture_project, services):
    services.routes.update(NRMP)
    services.routes[f"/crossref/works/{NRMP_DOI}"].busy_first = 1
    started = time.monotonic()
    done = labsite(fixture_project, services, "import", f"doi:{NRMP_DOI}")
    assert done.returncode == 0, done.stderr
    assert time.monotonic() - started >= 1  # Retry-After: 1 was honoured
    assert [p for p, _ in services.hits].count(f"/crossref/works/{NRMP_DOI}?mailto=ada@example.org") == 2
    assert "Parallel nuclear magnetic resonance spectroscopy" in publications(fixture_project)


def test_one_dblp_record_by_key(fixture_project, services):
    services.routes["/dblp/rec/conf/isca/XieFCS19.xml"] = Route(
        "dblp-rec-conf-isca-XieFCS19.xml", content_type="application/xml"
    )
    done = labsite(fixture_project, services, "import", "dblp:conf/isca/XieFCS19", "--summary", "summary.md")
    assert done.returncode == 0, done.stdout + done.stderr
    record = ET.parse(RECORDED / "dblp-rec-conf-isca-XieFCS19.xml").getroot().find("inproceedings")
    title = " ".join(record.findtext("title").split()).rstrip(".")
    entry = publications(fixture_project)[title]
    assert entry["authors"] == [a.text for a in record.findall("author")]
    assert entry["venue"] == record.findtext("booktitle") and entry["year"] == int(record.findtext("year"))
    assert entry["doi"] == "10.1145/3307650.3322247"
    assert "| `dblp:conf/isca/XieFCS19` | 1 |" in (fixture_project / "summary.md").read_text()


MEMBERS = {
    "ang-lee.yml": "name: Ang Lee\ndblp: 33/2805\ndegree: PhD\n",
    "xin-fu.yml": "name: Xin Fú\ndegree: PhD\n",
    "tong-geng.yml": "name: Tøng Geng\ndegree: PhD\n",
    "jieyang-chen.yml": "name: J. Chen\naliases: [Jieyang Chen]\norcid: 0000-0002-1825-0097\ndegree: PhD\n",
}


def test_authors_are_written_as_the_members_they_are(fixture_project, services):
    services.routes.update(PERSON)
    for name, text in MEMBERS.items():
        (fixture_project / "data/people" / name).write_text(text)
    done = labsite(fixture_project, services, "import", f"dblp:{DBLP_PID}")
    assert done.returncode == 0, done.stdout + done.stderr
    authors = {a for p in publications(fixture_project).values() for a in p["authors"]}
    assert "Ang Lee" in authors and "Ang Li" not in authors  # DBLP id 33/2805 is this member
    assert "Tøng Geng" in authors and "Tong Geng" not in authors  # the same name once transliterated
    assert "Jieyang Chen" in authors and "J. Chen" not in authors  # a known alias is kept as printed
    site = Site(load_checked(fixture_project))
    members = {a.name: a.person_id for p in site.publications for a in site.authors_of(p) if a.person_id}
    assert members["Xin Fu"] == "xin-fu"  # printed as the source has it, recognised as the member


@pytest.mark.parametrize(
    ("container", "name"),
    [
        (
            "Proceedings of the 46th International Symposium on Computer Architecture",
            "International Symposium on Computer Architecture",
        ),
        (
            "2019 IEEE International Symposium on Workload Characterization (IISWC)",
            "IEEE International Symposium on Workload Characterization",
        ),
        (
            "Proceedings of the Twenty-Fifth International Conference on Architectural Support for Programming"
            " Languages and Operating Systems",
            "International Conference on Architectural Support for Programming Languages and Operating Systems",
        ),
        (
            "North American Chapter of the Association for Computational Linguistics",
            "North American Chapter of the Association for Computational Linguistics",
        ),
        ("Nature Reviews Methods Primers", "Nature Reviews Methods Primers"),
    ],
)
def test_a_venue_is_named_without_the_edition(container, name):
    assert venue_name(container) == name


def test_a_dblp_venue_without_a_full_name_keeps_its_short_one_and_says_so(fixture_project, services):
    services.routes["/dblp/rec/conf/isca/XieFCS19.xml"] = Route(
        "dblp-rec-conf-isca-XieFCS19.xml", content_type="application/xml"
    )
    done = labsite(fixture_project, services, "import", "dblp:conf/isca/XieFCS19")
    assert done.returncode == 0, done.stdout + done.stderr
    assert ("/crossref/works/10.1145/3307650.3322247?mailto=ada@example.org", services.hits[1][1]) in services.hits
    assert "venue 'ISCA': full name not found (not found at Crossref: doi:10.1145/3307650.3322247)" in done.stdout
    venues = {v["id"]: v for v in yaml.safe_load((fixture_project / "data/venues.yml").read_text())["venues"]}
    assert venues["ISCA"] == {"id": "ISCA", "name": "ISCA", "type": "conference"}


def test_an_arxiv_id_arxiv_does_not_know_is_not_found(fixture_project, services):
    services.routes["/arxiv/query?id_list=0000.0000"] = Route(
        "arxiv-0000.0000.xml", content_type="application/atom+xml"
    )
    before = data_files(fixture_project)
    done = labsite(fixture_project, services, "import", "arxiv:0000.0000")
    assert done.returncode == 1
    assert "error: not found at arXiv: arxiv:0000.0000. Nothing was changed." in done.stderr
    assert data_files(fixture_project) == before


def test_sync_dry_run_summarises_and_changes_nothing(fixture_project, services):
    services.routes.update(PERSON)
    profile = fixture_project / "data/profile.yml"
    profile.write_text(profile.read_text().replace("title: Associate", f"dblp: {DBLP_PID}\ntitle: Associate"))
    before = data_files(fixture_project)
    done = labsite(fixture_project, services, "sync", "--dry-run", "--summary", "summary.md")
    assert done.returncode == 0, done.stderr
    assert data_files(fixture_project) == before
    summary = (fixture_project / "summary.md").read_text()
    titles = {normalise_title(e.findtext("title").rstrip(".")) for e in dblp_records()}
    assert f"## Would add {len(titles)} paper(s)" in summary
    assert summary.count("\n- **") == len(titles)


def test_spellings_dblp_gives_one_id_are_listed_as_one_outside_author(fixture_project, services):
    services.routes.update(PERSON)
    done = labsite(fixture_project, services, "import", f"dblp:{DBLP_PID}")
    assert done.returncode == 0, done.stdout + done.stderr
    spellings: dict[str, set[str]] = {}
    for record in dblp_records():
        for author in record.findall("author"):
            spellings.setdefault(author.get("pid"), set()).add(re.sub(r" \d{4}$", "", author.text))
    several = [names for names in spellings.values() if len(names) > 1]
    assert several  # the recording has them (e.g. with and without a middle name)
    listed = yaml.safe_load((fixture_project / "data/authors.yml").read_text())["authors"]
    for names in several:
        assert any({a["name"], *a.get("aliases", [])} == names for a in listed), names
    assert not [
        w
        for w in load_checked(fixture_project).warnings
        if "look like the same person" in w.message and any(n in w.message for names in several for n in names)
    ]


def test_live_requests_to_arxiv_are_three_seconds_apart_by_default(tmp_path, services, monkeypatch):
    """arXiv's API terms ask for 3 s between calls. Measured on a clock of our own (nothing sleeps):
    the client waits out what remains of the interval before each live request, per service."""
    from labsite.commands.sources import http

    now = [1000.0]
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(round(seconds, 3))
        now[0] += seconds

    for name, value in services.env().items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("LABSITE_HTTP_MIN_INTERVAL")
    services.routes["/arxiv"] = Route("arxiv-1605.08386.xml", content_type="application/atom+xml")
    services.routes["/crossref"] = Route("crossref-10.1038-s43586-021-00024-3.json")
    client = http.Client(tmp_path, None, clock=lambda: now[0], sleep=sleep)
    client.get(http.ARXIV, "/query?id_list=1", "arxiv:1")
    now[0] += 1.0  # a second of work between two calls
    client.get(http.ARXIV, "/query?id_list=2", "arxiv:2")
    client.get(http.CROSSREF, "/works/10.1/x", "doi:10.1/x")  # another service: its own interval
    assert waits == [2.0]
