"""生日提醒: a member may let friends be reminded of their birthday

Revision ID: 0018_birthday_reminders
Revises: 0017_space_music
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0018_birthday_reminders"
down_revision = "0017_space_music"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("birthday_reminders", sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.alter_column("birthday_reminders", server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("birthday_reminders")
