"""theme weeks, hashtag follows and fan-club idol profiles

Revision ID: 0003_themes_fans
Revises: 0002_campus_city
"""

from __future__ import annotations

revision = "0003_themes_fans"
down_revision = "0002_campus_city"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
