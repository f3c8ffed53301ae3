"""Photo likes and comments; 部分好友可见 / 不给谁看 for albums and the 留言板

Revision ID: 0019_photo_audiences
Revises: 0018_birthday_reminders
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from nook.store.base import UTCDateTime

revision = "0019_photo_audiences"
down_revision = "0018_birthday_reminders"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "photo_likes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("photo_id", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["photo_id"], ["album_photos.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("user_id", "photo_id"),
    )
    op.create_index("ix_photo_likes_photo", "photo_likes", ["photo_id", "created_at"])
    op.create_table(
        "photo_comments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("photo_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("folded", sa.Boolean(), nullable=False),
        sa.Column("fold_reason", sa.String(length=16), nullable=True),
        sa.Column("low_value_reason", sa.String(length=200), nullable=True),
        sa.Column("assessed", sa.Boolean(), nullable=False),
        sa.Column("created_at", UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["author_id"], ["users.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["photo_id"], ["album_photos.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_photo_comments_photo", "photo_comments", ["photo_id", "id"])
    op.create_index(op.f("ix_photo_comments_author_id"), "photo_comments", ["author_id"])
    _audience("album_audience", "album_id", "albums")
    _audience("board_audience", "owner_id", "users")
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.add_column(sa.Column("photo_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            "fk_notifications_photo_id_album_photos", "album_photos", ["photo_id"], ["id"], ondelete="CASCADE"
        )


def _audience(prefix: str, key: str, target: str) -> None:
    """The two tables naming an audience's groups and friends, keyed by `key` (a row of `target`)."""
    op.create_table(
        f"{prefix}_groups",
        sa.Column(key, sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint([key], [f"{target}.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["group_id"], ["friend_groups.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint(key, "group_id"),
    )
    op.create_index(f"ix_{prefix}_groups_group_id", f"{prefix}_groups", ["group_id"])
    op.create_table(
        f"{prefix}_members",
        sa.Column(key, sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint([key], [f"{target}.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint(key, "user_id"),
    )
    op.create_index(f"ix_{prefix}_members_user_id", f"{prefix}_members", ["user_id"])


def downgrade() -> None:
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.drop_constraint("fk_notifications_photo_id_album_photos", type_="foreignkey")
        batch_op.drop_column("photo_id")
    for prefix in ("board_audience", "album_audience"):
        op.drop_table(f"{prefix}_members")
        op.drop_table(f"{prefix}_groups")
    op.drop_table("photo_comments")
    op.drop_table("photo_likes")
