"""空间装扮: a member's skin, accent colour and cover photo

Revision ID: 0014_space_style
Revises: 0012_friend_groups
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014_space_style"
down_revision = "0012_friend_groups"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("space_skin", sa.String(length=16), nullable=False, server_default="warm"))
        batch_op.add_column(sa.Column("space_accent", sa.String(length=16), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("cover_media_id", sa.Integer(), nullable=True))
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.alter_column("space_skin", server_default=None)
        batch_op.alter_column("space_accent", server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("cover_media_id")
        batch_op.drop_column("space_accent")
        batch_op.drop_column("space_skin")
