"""API tokens get scopes and an expiry; sessions remember their browser

Revision ID: 0007_token_scopes
Revises: 0006_idempotency_keys
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from alembic import op

import nook.store.base

revision = "0007_token_scopes"
down_revision = "0006_idempotency_keys"
branch_labels = None
depends_on = None

_tokens = sa.table(
    "auth_tokens",
    sa.column("kind", sa.String()),
    sa.column("scopes", sa.String()),
    sa.column("expires_at", nook.store.base.UTCDateTime(timezone=True)),
)


def upgrade() -> None:
    with op.batch_alter_table("auth_tokens", schema=None) as batch_op:
        batch_op.add_column(sa.Column("scopes", sa.String(length=32), nullable=False, server_default="read write"))
        batch_op.add_column(sa.Column("user_agent", sa.String(length=64), nullable=False, server_default=""))
    # Sessions keep every power; existing API tokens keep reading and writing, and now expire like new ones.
    op.execute(_tokens.update().where(_tokens.c.kind == "session").values(scopes="read write account"))
    later = datetime.now(UTC) + timedelta(days=90)
    op.execute(_tokens.update().where(_tokens.c.kind == "api", _tokens.c.expires_at.is_(None)).values(expires_at=later))
    with op.batch_alter_table("auth_tokens", schema=None) as batch_op:
        batch_op.alter_column("scopes", server_default=None)
        batch_op.alter_column("user_agent", server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("auth_tokens", schema=None) as batch_op:
        batch_op.drop_column("user_agent")
        batch_op.drop_column("scopes")
