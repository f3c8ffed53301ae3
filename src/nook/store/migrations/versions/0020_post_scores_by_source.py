"""The ranked feed reads each friend's and circle's best posts from an index: author and circle on post_scores

Revision ID: 0020_post_scores_by_source
Revises: 0019_photo_audiences
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0020_post_scores_by_source"
down_revision = "0019_photo_audiences"
branch_labels = None
depends_on = None

_SCORES = sa.table("post_scores", sa.column("post_id"), sa.column("author_id"), sa.column("circle_id"))
_POSTS = sa.table("posts", sa.column("id"), sa.column("author_id"), sa.column("circle_id"))


def _of_post(name: str) -> sa.ScalarSelect[int]:
    return sa.select(_POSTS.c[name]).where(_POSTS.c.id == _SCORES.c.post_id).scalar_subquery()


def upgrade() -> None:
    with op.batch_alter_table("post_scores", schema=None) as batch_op:
        batch_op.add_column(sa.Column("author_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("circle_id", sa.Integer(), nullable=True))
    # copies of the post's, which never change after it is written
    op.execute(_SCORES.update().values(author_id=_of_post("author_id"), circle_id=_of_post("circle_id")))
    with op.batch_alter_table("post_scores", schema=None) as batch_op:
        batch_op.alter_column("author_id", existing_type=sa.Integer(), nullable=False)
        batch_op.create_index("ix_post_scores_author_rank", ["author_id", "rank_key"])
        batch_op.create_index("ix_post_scores_circle_rank", ["circle_id", "rank_key"])


def downgrade() -> None:
    with op.batch_alter_table("post_scores", schema=None) as batch_op:
        batch_op.drop_index("ix_post_scores_circle_rank")
        batch_op.drop_index("ix_post_scores_author_rank")
        batch_op.drop_column("circle_id")
        batch_op.drop_column("author_id")
