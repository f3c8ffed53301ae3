"""背景音乐: songs a member adds to their space

Revision ID: 0017_space_music
Revises: 0016_albums
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import nook.store.base

revision = "0017_space_music"
down_revision = "0016_albums"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "space_tracks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("storage_key", sa.String(length=64), nullable=False),
        sa.Column("title", sa.String(length=60), nullable=False),
        sa.Column("artist", sa.String(length=60), nullable=False),
        sa.Column("seconds", sa.Float(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("created_at", nook.store.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["owner_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("storage_key"),
    )
    with op.batch_alter_table("space_tracks", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_space_tracks_owner_id"), ["owner_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("space_tracks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_space_tracks_owner_id"))
    op.drop_table("space_tracks")
