"""Migration 0005 keeps the first of each scene prompt logged twice, then makes a second copy impossible."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.migrating import migrate

KEYS = ("id", "kind", "viewer_id", "post_id", "subject_user_id", "circle_id")
PROMPTS = sa.table("scene_prompts", *(sa.column(c) for c in (*KEYS, "shown_at")))


def _insert(conn: sa.Connection, *rows: tuple[object, ...]) -> None:
    at = "2024-01-01 00:00:00.000000"
    conn.execute(sa.insert(PROMPTS), [dict(zip(KEYS, r, strict=True)) | {"shown_at": at} for r in rows])


def test_duplicate_prompts_are_merged_into_the_first(tmp_path: Path) -> None:
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'old.db'}")
    with engine.begin() as conn:
        migrate(conn, "0004_analytics")
        _insert(
            conn,
            (1, "campus", 7, 100, 8, None),
            (2, "campus", 7, 100, 9, None),  # the same post again, another classmate: a copy
            (3, "campus", 7, 101, 8, None),  # another post: kept
            (4, "classmate_friend", 7, None, 8, None),
            (5, "classmate_friend", 7, None, 8, None),  # a copy
            (6, "city_member", 7, None, 8, None),  # another kind: kept
            (7, "city_circle", 7, None, None, 50),
            (8, "city_circle", 7, None, None, 50),  # a copy
            (9, "city_circle", 6, None, None, 50),  # another viewer: kept
        )
        migrate(conn, "0005_scene_prompts_once")
        assert conn.scalars(sa.text("SELECT id FROM scene_prompts ORDER BY id")).all() == [1, 3, 4, 6, 7, 9]
    with pytest.raises(sa.exc.IntegrityError), engine.begin() as conn:
        _insert(conn, (10, "campus", 7, 101, 9, None))
