"""The outside world of communal welfare: its store, the welfare group's name check."""
