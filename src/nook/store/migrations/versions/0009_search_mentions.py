"""Search over segmented post text (FTS5 on SQLite, a GIN tsvector index on PostgreSQL) and @mentions

Revision ID: 0009_search_mentions
Revises: 0008_read_path_columns
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import nook.store.base
from nook.engine.segment import search_terms

revision = "0009_search_mentions"
down_revision = "0008_read_path_columns"
branch_labels = None
depends_on = None

_posts = sa.table("posts", sa.column("id", sa.Integer()), sa.column("body", sa.Text()))
_search = sa.table("post_search", sa.column("post_id", sa.Integer()), sa.column("terms", sa.Text()))

#: SQLite: an external-content FTS5 table over post_search.terms, kept in step by triggers (a delete
#: cascading from a post fires them too). A batch alter of post_search would drop these triggers.
_SQLITE = (
    "CREATE VIRTUAL TABLE post_search_fts USING fts5(terms, content='post_search', content_rowid='post_id')",
    "CREATE TRIGGER post_search_fts_ai AFTER INSERT ON post_search BEGIN "
    "INSERT INTO post_search_fts(rowid, terms) VALUES (new.post_id, new.terms); END",
    "CREATE TRIGGER post_search_fts_ad AFTER DELETE ON post_search BEGIN "
    "INSERT INTO post_search_fts(post_search_fts, rowid, terms) VALUES ('delete', old.post_id, old.terms); END",
    "CREATE TRIGGER post_search_fts_au AFTER UPDATE ON post_search BEGIN "
    "INSERT INTO post_search_fts(post_search_fts, rowid, terms) VALUES ('delete', old.post_id, old.terms); "
    "INSERT INTO post_search_fts(rowid, terms) VALUES (new.post_id, new.terms); END",
)
#: PostgreSQL: the words are taken verbatim as lexemes (no parser, whose idea of a letter depends on the locale).
_POSTGRES = (
    "CREATE INDEX ix_post_search_terms ON post_search USING gin (array_to_tsvector(string_to_array(terms, ' ')))",
)


def upgrade() -> None:
    op.create_table(
        "post_search",
        sa.Column("post_id", sa.Integer(), nullable=False),
        sa.Column("terms", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["post_id"], ["posts.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("post_id"),
    )
    op.create_table(
        "mentions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=24), nullable=False),
        sa.Column("mentioned_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("post_id", sa.Integer(), nullable=True),
        sa.Column("comment_id", sa.Integer(), nullable=True),
        sa.Column("board_message_id", sa.Integer(), nullable=True),
        sa.Column("created_at", nook.store.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["author_id"], ["users.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["board_message_id"], ["board_messages.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["comment_id"], ["comments.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["mentioned_id"], ["users.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["post_id"], ["posts.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("source", "mentioned_id"),
    )
    with op.batch_alter_table("mentions", schema=None) as batch_op:
        batch_op.create_index("ix_mentions_author_created", ["author_id", "created_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_mentions_board_message_id"), ["board_message_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_mentions_comment_id"), ["comment_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_mentions_mentioned_id"), ["mentioned_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_mentions_post_id"), ["post_id"], unique=False)
    for statement in _SQLITE if op.get_bind().dialect.name == "sqlite" else _POSTGRES:
        op.execute(statement)
    _index_existing_posts()


def _index_existing_posts(batch: int = 2000) -> None:
    bind = op.get_bind()
    last = 0
    while rows := bind.execute(
        sa.select(_posts.c.id, _posts.c.body).where(_posts.c.id > last).order_by(_posts.c.id).limit(batch)
    ).all():
        bind.execute(_search.insert(), [{"post_id": r.id, "terms": " ".join(search_terms(r.body))} for r in rows])
        last = rows[-1].id


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in ("post_search_fts_ai", "post_search_fts_ad", "post_search_fts_au"):
            op.execute(f"DROP TRIGGER {name}")
        op.execute("DROP TABLE post_search_fts")
    with op.batch_alter_table("mentions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mentions_post_id"))
        batch_op.drop_index(batch_op.f("ix_mentions_mentioned_id"))
        batch_op.drop_index(batch_op.f("ix_mentions_comment_id"))
        batch_op.drop_index(batch_op.f("ix_mentions_board_message_id"))
        batch_op.drop_index("ix_mentions_author_created")
    op.drop_table("mentions")
    op.drop_table("post_search")
