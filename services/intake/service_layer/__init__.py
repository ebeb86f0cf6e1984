"""Intake's use cases: plain async functions over a unit of work, so that each rule can be
exercised with in-memory fakes as well as with the real database."""
