"""operator analytics rollups

Revision ID: 0004_analytics
Revises: 0003_themes_fans
"""

from __future__ import annotations

revision = "0004_analytics"
down_revision = "0003_themes_fans"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
