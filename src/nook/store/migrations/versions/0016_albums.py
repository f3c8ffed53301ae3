"""相册: albums with their own visibility, the photos in them, and Q&A unlocks

Revision ID: 0016_albums
Revises: 0015_journals
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import nook.store.base

revision = "0016_albums"
down_revision = "0015_journals"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "albums",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=64), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("visibility", sa.String(length=16), nullable=False),
        sa.Column("question", sa.String(length=100), nullable=False),
        sa.Column("answer_hash", sa.String(length=255), nullable=True),
        sa.Column("cover_media_id", sa.Integer(), nullable=True),
        sa.Column("created_at", nook.store.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["cover_media_id"], ["media.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["owner_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_albums_owner_created", "albums", ["owner_id", "created_at", "id"], unique=False)
    op.create_table(
        "album_photos",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("album_id", sa.Integer(), nullable=False),
        sa.Column("media_id", sa.Integer(), nullable=False),
        sa.Column("caption", sa.String(length=200), nullable=False),
        sa.Column("created_at", nook.store.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["album_id"], ["albums.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["media_id"], ["media.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("media_id"),
    )
    op.create_index("ix_album_photos_album", "album_photos", ["album_id", "id"], unique=False)
    op.create_table(
        "album_unlocks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("album_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("unlocked_at", nook.store.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["album_id"], ["albums.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("album_id", "user_id"),
    )
    op.create_index("ix_album_unlocks_user_id", "album_unlocks", ["user_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_album_unlocks_user_id", table_name="album_unlocks")
    op.drop_table("album_unlocks")
    op.drop_index("ix_album_photos_album", table_name="album_photos")
    op.drop_table("album_photos")
    op.drop_index("ix_albums_owner_created", table_name="albums")
    op.drop_table("albums")
