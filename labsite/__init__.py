"""The lab site's core, free of MkDocs: the stages from `data/` to HTML, and the commands beside them.

Stages, in order; each imports only earlier ones and the foundation (contracts in pyproject.toml,
checked by tests/test_architecture.py):

- foundation: `errors` (a problem with its place), `names` (how names compare), `months` (their
  names), `markdown` (the one way text becomes markup), `models/` (each file's records and the rules
  of each field);
- `read/`: the layout of `data/`, safe file access, YAML with lines, validation → `SiteData`;
- `check/`: named rules across files (`rules/`: ids, references, photos, people, Markdown, look-alike
  names), errors and warnings, run from one list;
- `derive/`: views of the data pages ask for (`Site`: who wrote what, what is current; `citing`: how
  a paper is cited, the same in every format; `attachments`: the papers each spelling attaches);
- `render/`: HTML blocks from the templates in `templates/`, generated pages, BibTeX, feeds, metadata;
- `site`: the start-up both MkDocs adapters (`macros.py`, `hooks/`) call, cached per change;
- `commands/`: what maintainers run (`python -m labsite ...`): check, new-member, photo, import-bib,
  import/sync/citations with `sources/`, schemas, site-diff, attached-papers.
"""
