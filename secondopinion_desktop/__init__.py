"""Second Opinion: a calm, offline helper for getting a second medical opinion."""

__version__ = "0.1.0"
