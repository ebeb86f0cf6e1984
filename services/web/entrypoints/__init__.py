"""The web app's entrypoints: middleware, sign-in, and one router per person's screens."""
