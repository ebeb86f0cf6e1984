"""Communal welfare: the school community's figures, its welfare group and its welfare plan.

It holds no individual data at all (no student, case or person identifiers), which is what
makes it safe to open to principals, the schools' welfare groups and the provider's lead.
"""
