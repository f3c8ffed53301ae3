"""campus and same-city scenes

Revision ID: 0002_campus_city
Revises: 2ff5efbad6a4
"""

from __future__ import annotations

revision = "0002_campus_city"
down_revision = "2ff5efbad6a4"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
