"""Rapport: a personal client memory that turns what you heard into timely action."""

__version__ = "0.1.0"
