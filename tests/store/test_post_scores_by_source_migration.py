"""Migration 0020: every stored score learns its post's author and circle, for the ranked feed's indexes."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from tests.migrating import migrate


def test_existing_scores_get_their_posts_author_and_circle(tmp_path: Path) -> None:
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'old.db'}")  # foreign keys unchecked: posts alone
    at = "2024-01-01 00:00:00.000000"
    with engine.begin() as conn:
        migrate(conn, "0019_photo_audiences")
        conn.execute(
            sa.text(
                "INSERT INTO posts (id, author_id, body, title, visibility, circle_id, created_at)"
                " VALUES (1, 7, 'a', '', 'public', NULL, :at), (2, 8, 'b', '', 'circle', 3, :at)"
            ),
            {"at": at},
        )
        conn.execute(
            sa.text(
                "INSERT INTO post_scores (post_id, rank_key, engagement, components, topics, updated_at)"
                " VALUES (1, 1.5, 0.0, '{}', '[]', :at), (2, 2.5, 1.0, '{}', '[]', :at)"
            ),
            {"at": at},
        )
        migrate(conn, "0020_post_scores_by_source")
        rows = conn.execute(sa.text("SELECT post_id, author_id, circle_id, rank_key FROM post_scores ORDER BY 1"))
        assert [tuple(r) for r in rows] == [(1, 7, None, 1.5), (2, 8, 3, 2.5)]
        indexes = {i["name"] for i in sa.inspect(conn).get_indexes("post_scores")}
    assert {"ix_post_scores_author_rank", "ix_post_scores_circle_rank"} <= indexes
