"""Notifications: tells the people who must know, through the channels they use."""
