"""The platform's services, each an independent process with its own database."""
