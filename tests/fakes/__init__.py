"""In-memory stand-ins for each service's repositories and unit of work, for the fast tier
(tests/service_layer) and checked against the real adapters by tests/contract."""
