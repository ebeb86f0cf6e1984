"""The web app's own rules: who is signed in, which screens are theirs, which language."""
