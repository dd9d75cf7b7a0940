"""Stage 4: output. `html` is the Jinja environment of `labsite/templates/` (autoescaped), `blocks` what
Markdown pages call, `pages` the generated pages; `bibtex`, `feeds`, `metadata` and `robots` the files and
tags that visitors' tools read."""
