"""The welfare group's pumps: the deadline clock and retention."""
