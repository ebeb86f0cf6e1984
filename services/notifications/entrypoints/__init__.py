"""The ways in: HTTP routes and event subscribers, thin over the use cases."""
