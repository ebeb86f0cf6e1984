"""What stands behind intake's seams for real: its Mongo repositories, bound to a
transaction's session, the unit of work that binds them, and the raising limit's store."""
