"""Assist: see docs/architecture.md."""
