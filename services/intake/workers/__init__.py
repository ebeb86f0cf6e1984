"""Intake's background pumps: none of its own. The outbox relay and the broker watch that
publish its events are every service's, run by ``shared.runtime.ServiceRuntime``; the room
is here so that a pump intake comes to need has one obvious home."""
