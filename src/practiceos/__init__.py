"""PracticeOS: the leadership-and-management operating system for healthcare practices."""

__version__ = "0.1.0"
