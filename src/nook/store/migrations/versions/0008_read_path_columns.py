"""Posts keep their like, comment and folded-comment counts as columns; members a viewer stamp

Revision ID: 0008_read_path_columns
Revises: 0007_token_scopes
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_read_path_columns"
down_revision = "0007_token_scopes"
branch_labels = None
depends_on = None

_COLUMNS = ("like_count", "comment_count", "folded_count")

# The backfill recounts from the rows, as `nook.social.content.counts` does (a ring's active flags
# leave its likes out), written out here so the migration does not change with the code.
_BACKFILL = """
UPDATE posts SET
    like_count = (
        SELECT count(likes.id) FROM likes
        WHERE likes.post_id = posts.id
          AND likes.id NOT IN (SELECT like_id FROM flagged_likes WHERE active)
    ),
    comment_count = (SELECT count(comments.id) FROM comments WHERE comments.post_id = posts.id),
    folded_count = (
        SELECT count(comments.id) FROM comments
        JOIN comment_verdicts ON comment_verdicts.comment_id = comments.id
        WHERE comments.post_id = posts.id AND comment_verdicts.folded
    )
"""


def upgrade() -> None:
    with op.batch_alter_table("posts", schema=None) as batch_op:
        for name in _COLUMNS:
            batch_op.add_column(sa.Column(name, sa.Integer(), nullable=False, server_default="0"))
    op.execute(_BACKFILL)
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("viewer_stamp", sa.BigInteger(), nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("viewer_stamp")
    with op.batch_alter_table("posts", schema=None) as batch_op:
        for name in reversed(_COLUMNS):
            batch_op.drop_column(name)
