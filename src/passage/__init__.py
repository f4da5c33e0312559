"""Passage: border and migration management information system."""

__version__ = "0.1.0"
