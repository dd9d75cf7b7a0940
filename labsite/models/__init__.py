"""The schema: one pydantic model per kind of data file, the single source of truth.

The build validates with these models and `labsite schema` writes the JSON Schema for editors from
them, so the two can never disagree.
"""
