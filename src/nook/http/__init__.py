"""The HTTP core that the web UI and the API share: who is asking, the unit of work, path types, errors."""
