"""Intake: school staff raise concerns about a student; the raiser follows their status."""
