"""Stage 1: from the files under `data/` to validated records (`load.SiteData`), every problem of every file at once.

`layout` names the files, `files` decides what may be in the repository at all, `yamlfile` parses with
lines, `validate` turns model errors into messages; rules across files are the next stage, `labsite.check`."""
