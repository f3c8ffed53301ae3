"""Themes: see docs/architecture.md."""
