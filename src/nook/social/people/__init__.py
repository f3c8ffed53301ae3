"""People: see docs/architecture.md."""
