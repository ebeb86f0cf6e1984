"""Pure rules of who is told what, and how: no I/O, no framework."""
