"""Reach: see docs/architecture.md."""
