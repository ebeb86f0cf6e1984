"""The use cases: plain async functions over a unit of work, with no I/O of their own."""
