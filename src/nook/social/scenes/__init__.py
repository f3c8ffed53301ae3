"""Scenes: see docs/architecture.md."""
