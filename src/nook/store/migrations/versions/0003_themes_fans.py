"""theme weeks, hashtag follows and fan-club idol profiles

Revision ID: 0003_themes_fans
Revises: 0002_campus_city
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import nook.store.base

revision = "0003_themes_fans"
down_revision = "0002_campus_city"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "theme_weeks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("hashtag", sa.String(length=32), nullable=False),
        sa.Column("title", sa.String(length=60), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("prompt", sa.Text(), nullable=False),
        sa.Column("circle_id", sa.Integer(), nullable=True),
        sa.Column("starts_at", nook.store.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("ends_at", nook.store.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("auto_key", sa.String(length=64), nullable=True),
        sa.Column("archived_at", nook.store.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("highlights", sa.JSON(), nullable=False),
        sa.Column("created_at", nook.store.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["circle_id"], ["circles.id"], name=op.f("fk_theme_weeks_circle_id_circles"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["users.id"], name=op.f("fk_theme_weeks_created_by_id_users"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_theme_weeks")),
        sa.UniqueConstraint("auto_key", name=op.f("uq_theme_weeks_auto_key")),
    )
    with op.batch_alter_table("theme_weeks", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_theme_weeks_hashtag"), ["hashtag"], unique=False)
        batch_op.create_index(batch_op.f("ix_theme_weeks_circle_id"), ["circle_id"], unique=False)
        batch_op.create_index("ix_theme_weeks_span", ["ends_at", "starts_at"], unique=False)

    op.create_table(
        "hashtag_follows",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("hashtag_id", sa.Integer(), nullable=False),
        sa.Column("created_at", nook.store.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["hashtag_id"], ["hashtags.id"], name=op.f("fk_hashtag_follows_hashtag_id_hashtags"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_hashtag_follows_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("user_id", "hashtag_id", name=op.f("pk_hashtag_follows")),
    )
    with op.batch_alter_table("hashtag_follows", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_hashtag_follows_hashtag_id"), ["hashtag_id"], unique=False)

    op.create_table(
        "idol_profiles",
        sa.Column("circle_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("birthday", sa.Date(), nullable=True),
        sa.Column("debut_date", sa.Date(), nullable=True),
        sa.Column("works", sa.JSON(), nullable=False),
        sa.Column("keywords", sa.JSON(), nullable=False),
        sa.Column("color", sa.String(length=7), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", nook.store.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["circle_id"], ["circles.id"], name=op.f("fk_idol_profiles_circle_id_circles"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["updated_by_id"], ["users.id"], name=op.f("fk_idol_profiles_updated_by_id_users"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("circle_id", name=op.f("pk_idol_profiles")),
    )


def downgrade() -> None:
    op.drop_table("idol_profiles")
    with op.batch_alter_table("hashtag_follows", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_hashtag_follows_hashtag_id"))
    op.drop_table("hashtag_follows")
    with op.batch_alter_table("theme_weeks", schema=None) as batch_op:
        batch_op.drop_index("ix_theme_weeks_span")
        batch_op.drop_index(batch_op.f("ix_theme_weeks_circle_id"))
        batch_op.drop_index(batch_op.f("ix_theme_weeks_hashtag"))
    op.drop_table("theme_weeks")
