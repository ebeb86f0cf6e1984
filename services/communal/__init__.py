"""Communal welfare: the school's welfare group, the welfare plan and statistics that name
no one."""
