"""The MkDocs adapter of the lab site: one plugin (`labsite`, see `plugin.py`) that feeds the build from
the core in `labsite/`. Nothing here parses, checks or draws: it hands the core's results to MkDocs."""
