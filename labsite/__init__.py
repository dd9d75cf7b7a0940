"""The lab site's core: load → check → index → render, with no MkDocs import.

Everything MkDocs-specific lives in the adapters (`macros.py`, `hooks/`), so the data layer can be
tested on its own, driven by the command-line check, and moved to another engine later.
"""
