"""The background pumps: the dispatcher of deliveries and the daily digest."""
