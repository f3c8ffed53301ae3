"""Moderation: see docs/architecture.md."""
