"""Helpers for tests that run against the real broker, database and SMTP server."""
