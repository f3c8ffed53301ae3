"""one scene prompt per viewer and thing shown

Revision ID: 0005_scene_prompts_once
Revises: 0004_analytics
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_scene_prompts_once"
down_revision = "0004_analytics"
branch_labels = None
depends_on = None

#: index name -> (the column it is about, which rows it covers)
ONCE = {
    "uq_scene_prompts_post": ("post_id", "post_id IS NOT NULL"),
    "uq_scene_prompts_subject_user": ("subject_user_id", "post_id IS NULL AND subject_user_id IS NOT NULL"),
    "uq_scene_prompts_circle": ("circle_id", "circle_id IS NOT NULL"),
}


def upgrade() -> None:
    for column, where in ONCE.values():
        _keep_first(column, where)
    with op.batch_alter_table("scene_prompts", schema=None) as batch_op:
        for name, (column, where) in ONCE.items():
            batch_op.create_index(
                name,
                ["kind", "viewer_id", column],
                unique=True,
                sqlite_where=sa.text(where),
                postgresql_where=sa.text(where),
            )


def _keep_first(column: str, where: str) -> None:
    # Requests racing to log the same prompt left copies; keep the first, which the readers found first and
    # which was marked acted on whenever a copy was (marking updates every copy not yet marked).
    # `where` unqualified inside the subquery is about `earlier`; the SQL is built from this module's names.
    op.execute(
        f"DELETE FROM scene_prompts WHERE {where} AND EXISTS ("  # noqa: S608
        "SELECT 1 FROM scene_prompts AS earlier WHERE earlier.kind = scene_prompts.kind"
        f" AND earlier.viewer_id = scene_prompts.viewer_id AND earlier.{column} = scene_prompts.{column}"
        f" AND earlier.id < scene_prompts.id AND {where})"
    )


def downgrade() -> None:
    with op.batch_alter_table("scene_prompts", schema=None) as batch_op:
        for name in reversed(ONCE):
            batch_op.drop_index(name)
