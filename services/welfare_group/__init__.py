"""Welfare group: opens a case for each concern and carries it through the law's steps."""
