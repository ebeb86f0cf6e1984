"""One suite per service's repositories, run against the fakes and the real adapters alike,
so that what the fast tier proves through a fake holds of the real thing."""
