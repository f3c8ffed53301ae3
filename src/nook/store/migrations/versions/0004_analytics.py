"""operator analytics rollups

Revision ID: 0004_analytics
Revises: 0003_themes_fans
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import nook.store.base

revision = "0004_analytics"
down_revision = "0003_themes_fans"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "analytics_rollups",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("circle_id", sa.Integer(), nullable=False),
        sa.Column("metric", sa.String(length=24), nullable=False),
        sa.Column("key", sa.String(length=48), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("computed_at", nook.store.base.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("day", "circle_id", "metric", "key", name=op.f("pk_analytics_rollups")),
    )
    with op.batch_alter_table("analytics_rollups", schema=None) as batch_op:
        batch_op.create_index("ix_analytics_rollups_scope_day", ["circle_id", "day"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("analytics_rollups", schema=None) as batch_op:
        batch_op.drop_index("ix_analytics_rollups_scope_day")
    op.drop_table("analytics_rollups")
