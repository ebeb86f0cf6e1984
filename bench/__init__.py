"""The benchmark of the concern flow: ``python -m bench run`` (see README, "Performance")."""
