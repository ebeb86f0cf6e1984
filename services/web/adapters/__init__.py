"""The web app's adapters: the services' APIs, the session store, sign-in, catalogues."""
