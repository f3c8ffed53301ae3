"""日志: a post may have a title (and then a Markdown body)

Revision ID: 0015_journals
Revises: 0014_space_style
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015_journals"
down_revision = "0014_space_style"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("posts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("title", sa.String(length=60), nullable=False, server_default=""))
    with op.batch_alter_table("posts", schema=None) as batch_op:
        batch_op.alter_column("title", server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("posts", schema=None) as batch_op:
        batch_op.drop_column("title")
