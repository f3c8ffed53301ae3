"""Grouped notifications (group head, activity time) and the kinds a member muted

Revision ID: 0011_live_notifications
Revises: 0010_conversations
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import nook.store.base

revision = "0011_live_notifications"
down_revision = "0010_conversations"
branch_labels = None
depends_on = None

_notes = sa.table(
    "notifications",
    sa.column("created_at", nook.store.base.UTCDateTime(timezone=True)),
    sa.column("active_at", nook.store.base.UTCDateTime(timezone=True)),
)


def upgrade() -> None:
    op.create_table(
        "notification_mutes",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_notification_mutes_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("user_id", "kind", name=op.f("pk_notification_mutes")),
    )
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.add_column(sa.Column("group_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("active_at", nook.store.base.UTCDateTime(timezone=True), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_notifications_group_id_notifications"),
            "notifications",
            ["group_id"],
            ["id"],
            ondelete="CASCADE",
        )
    # Existing notifications were never grouped: each had its news when it was made.
    op.execute(_notes.update().values(active_at=_notes.c.created_at))
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.alter_column("active_at", nullable=False)
        batch_op.create_index("ix_notifications_user_active", ["user_id", "active_at", "id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.drop_index("ix_notifications_user_active")
        batch_op.drop_constraint(batch_op.f("fk_notifications_group_id_notifications"), type_="foreignkey")
        batch_op.drop_column("active_at")
        batch_op.drop_column("group_id")
    op.drop_table("notification_mutes")
