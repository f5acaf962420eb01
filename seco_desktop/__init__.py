"""SECO Desktop: workstation software for SECO case work on Privacy Act records."""

__version__ = "0.1.0"
