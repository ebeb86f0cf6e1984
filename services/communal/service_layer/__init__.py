"""Communal welfare's use cases: plain async functions over a unit of work."""
