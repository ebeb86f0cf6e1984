"""Use cases of communal welfare, over a unit of work."""
