"""Running the platform: local servers and services as processes, and container files."""
