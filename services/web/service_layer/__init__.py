"""The web app's use cases: each screen's data, gathered from the services' APIs."""
