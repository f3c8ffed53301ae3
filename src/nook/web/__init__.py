"""The web UI: server-rendered pages over the social services, improved by HTMX."""
