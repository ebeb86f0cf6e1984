"""Events in and HTTP in: thin, each handing over to a use case."""
