"""Nook (心角): a self-hosted, Chinese-first social space."""
