"""The fast tier: each service's use cases through its in-memory fakes, no servers."""
