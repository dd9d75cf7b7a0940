"""The checks across files are small named rules in `labsite/check/rules/`, run from one list.

Every rule written there is in `RULES`, each says in its docstring what it refuses (or warns of) and
why, and what the list holds is what a check runs: a finding becomes an error at its line and field.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest

import labsite.check
import labsite.check.rules
from labsite.check import RULES, Context, Finding, Rule, load_checked, run
from labsite.errors import DataError, DataErrors, DataWarning
from labsite.read.load import load


def rule_modules() -> list:
    package = labsite.check.rules
    return [importlib.import_module(f"{package.__name__}.{m.name}") for m in pkgutil.iter_modules(package.__path__)]


def test_every_rule_written_in_the_rules_folder_is_in_the_list_that_runs():
    written = {
        function
        for module in rule_modules()
        for name, function in inspect.getmembers(module, inspect.isfunction)
        if function.__module__ == module.__name__ and not name.startswith("_")
    }
    listed = [rule.check for rule in RULES]
    assert written == set(listed)
    assert len(listed) == len(set(listed)), "a rule is listed twice"


@pytest.mark.parametrize("rule", RULES, ids=[rule.name for rule in RULES])
def test_each_rule_says_what_it_refuses_or_warns_of_and_why(rule: Rule):
    doc = inspect.getdoc(rule.check) or ""
    assert doc.startswith("Warns" if rule.severity is DataWarning else "Refuses"), doc
    assert ":" in doc, "say why, after a colon"


def finding_in_title(ctx: Context):
    yield Finding("publications.yml", ("publications", 1, "title"), "a made-up problem", "a hint")


def test_a_rule_added_to_the_list_is_run_by_the_check_and_its_finding_named_at_its_line(fixture_project, monkeypatch):
    monkeypatch.setattr(labsite.check, "RULES", [*RULES, Rule(finding_in_title)])
    with pytest.raises(DataErrors) as raised:
        load_checked(fixture_project)
    lines = (fixture_project / "data/publications.yml").read_text(encoding="utf-8").splitlines()
    titles = [n for n, line in enumerate(lines, 1) if line.strip().startswith("title:")]
    assert raised.value.errors == [
        DataError("data/publications.yml", titles[1], "publications[1].title", "a made-up problem", "a hint")
    ]
    assert str(raised.value.errors[0]).endswith("field 'publications[1].title': a made-up problem (hint: a hint)")


def test_a_warning_rule_is_run_only_on_data_without_errors(fixture_project):
    data = load(fixture_project)
    warning = Rule(finding_in_title, DataWarning)
    assert run(data, [warning]) == ([], [Context(data).problem(next(finding_in_title(Context(data))), DataWarning)])
    assert run(data, [Rule(finding_in_title), warning])[1] == []
