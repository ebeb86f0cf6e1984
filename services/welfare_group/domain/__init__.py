"""Pure rules of individual student welfare: no I/O, no framework."""
