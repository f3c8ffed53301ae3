"""Content: see docs/architecture.md."""
