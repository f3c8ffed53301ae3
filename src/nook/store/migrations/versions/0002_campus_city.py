"""campus and same-city scenes

Revision ID: 0002_campus_city
Revises: 2ff5efbad6a4
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

import nook.store.base

revision = "0002_campus_city"
down_revision = "2ff5efbad6a4"
branch_labels = None
depends_on = None

_LEVELS = ("public", "friends", "private")


def upgrade() -> None:
    schools = op.create_table(
        "user_schools",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("enroll_year", sa.Integer(), nullable=True),
        sa.Column("class_name", sa.String(length=32), nullable=False),
        sa.Column("school_privacy", sa.String(length=8), nullable=False),
        sa.Column("year_privacy", sa.String(length=8), nullable=False),
        sa.Column("class_privacy", sa.String(length=8), nullable=False),
        sa.Column("created_at", nook.store.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_user_schools_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_schools")),
    )
    with op.batch_alter_table("user_schools", schema=None) as batch_op:
        batch_op.create_index("ix_user_schools_name_year", ["name", "enroll_year"], unique=False)
        batch_op.create_index(batch_op.f("ix_user_schools_user_id"), ["user_id"], unique=False)

    op.create_table(
        "scene_settings",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("city_recommendations", sa.Boolean(), nullable=False),
        sa.Column("city_from_activity", sa.Boolean(), nullable=False),
        sa.Column("updated_at", nook.store.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_scene_settings_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_scene_settings")),
    )
    op.create_table(
        "circle_localities",
        sa.Column("circle_id", sa.Integer(), nullable=False),
        sa.Column("city", sa.String(length=32), nullable=False),
        sa.Column("open_to_other_cities", sa.Boolean(), nullable=False),
        sa.Column("updated_at", nook.store.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["circle_id"], ["circles.id"], name=op.f("fk_circle_localities_circle_id_circles"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("circle_id", name=op.f("pk_circle_localities")),
    )
    with op.batch_alter_table("circle_localities", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_circle_localities_city"), ["city"], unique=False)

    op.create_table(
        "scene_prompts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("viewer_id", sa.Integer(), nullable=False),
        sa.Column("post_id", sa.Integer(), nullable=True),
        sa.Column("subject_user_id", sa.Integer(), nullable=True),
        sa.Column("circle_id", sa.Integer(), nullable=True),
        sa.Column("shown_at", nook.store.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("acted_at", nook.store.base.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["circle_id"], ["circles.id"], name=op.f("fk_scene_prompts_circle_id_circles"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["post_id"], ["posts.id"], name=op.f("fk_scene_prompts_post_id_posts"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["subject_user_id"], ["users.id"], name=op.f("fk_scene_prompts_subject_user_id_users"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["viewer_id"], ["users.id"], name=op.f("fk_scene_prompts_viewer_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scene_prompts")),
    )
    with op.batch_alter_table("scene_prompts", schema=None) as batch_op:
        batch_op.create_index("ix_scene_prompts_viewer_kind", ["viewer_id", "kind", "post_id"], unique=False)

    _copy_profile_schools(schools)


def _copy_profile_schools(schools: sa.Table) -> None:
    """Each member's single profile school becomes their first row in user_schools (the columns stay, mirrored)."""
    users = sa.table(
        "users",
        sa.column("id", sa.Integer),
        sa.column("school", sa.String),
        sa.column("school_kind", sa.String),
        sa.column("enroll_year", sa.Integer),
        sa.column("class_name", sa.String),
        sa.column("privacy", sa.JSON),
        sa.column("created_at", nook.store.base.UTCDateTime(timezone=True)),
    )
    rows: list[dict[str, Any]] = []
    for u in op.get_bind().execute(sa.select(users).where(users.c.school != "")):
        privacy = u.privacy if isinstance(u.privacy, dict) else {}
        school_level = _level(privacy.get("school"), "public")
        rows.append(
            {
                "user_id": u.id,
                "position": 0,
                "kind": u.school_kind or "高中",
                "name": u.school,
                "enroll_year": u.enroll_year,
                "class_name": u.class_name,
                "school_privacy": school_level,
                "year_privacy": school_level,
                "class_privacy": _level(privacy.get("class"), "friends"),
                "created_at": u.created_at,
            }
        )
    if rows:
        op.bulk_insert(schools, rows)


def _level(value: Any, default: str) -> str:
    return value if value in _LEVELS else default


def downgrade() -> None:
    with op.batch_alter_table("scene_prompts", schema=None) as batch_op:
        batch_op.drop_index("ix_scene_prompts_viewer_kind")
    op.drop_table("scene_prompts")
    with op.batch_alter_table("circle_localities", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_circle_localities_city"))
    op.drop_table("circle_localities")
    op.drop_table("scene_settings")
    with op.batch_alter_table("user_schools", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_user_schools_user_id"))
        batch_op.drop_index("ix_user_schools_name_year")
    op.drop_table("user_schools")
