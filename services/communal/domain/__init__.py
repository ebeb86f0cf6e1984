"""Pure rules of communal welfare: no I/O."""
