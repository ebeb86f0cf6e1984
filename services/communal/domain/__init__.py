"""Pure rules of communal welfare: periods, tallies, the publication and its disclosure
control. No I/O, no framework."""
