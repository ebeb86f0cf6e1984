"""Code shared by the services: event contracts, settings, logging and the adapters
every service needs (storage, broker, outbox, idempotent consumer, dead letters)."""
