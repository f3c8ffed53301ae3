"""Migration 0007: sessions keep every power; API tokens made before keep read and write, and now expire."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa

from tests.migrating import migrate


def test_existing_tokens_get_scopes_and_api_tokens_an_expiry(tmp_path: Path) -> None:
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'old.db'}")
    at = "2024-01-01 00:00:00.000000"
    with engine.begin() as conn:
        migrate(conn, "0006_idempotency_keys")
        conn.execute(
            sa.text(
                "INSERT INTO users (id, username, nickname, password_hash, is_admin, is_active, trust_level,"
                " created_at, bio, school, school_kind, class_name, city, interests, privacy, board_policy,"
                " allow_invisible_visits, visit_invisibly, profile_completed, failed_logins)"
                " VALUES (1, 'alice', 'alice', 'x', 0, 1, 0, :at, '', '', '', '', '', '[]', '{}', 'everyone',"
                " 1, 0, 0, 0)"
            ),
            {"at": at},
        )
        conn.execute(
            sa.text(
                "INSERT INTO auth_tokens (id, user_id, token_hash, kind, name, created_at, last_used_at, expires_at)"
                " VALUES (1, 1, 'a', 'session', '', :at, :at, :at), (2, 1, 'b', 'api', 'ci', :at, :at, NULL)"
            ),
            {"at": at},
        )
        migrate(conn, "0007_token_scopes")
        rows = conn.execute(sa.text("SELECT id, scopes, user_agent, expires_at FROM auth_tokens ORDER BY id")).all()
    assert [(r.id, r.scopes, r.user_agent) for r in rows] == [(1, "read write account", ""), (2, "read write", "")]
    expires = datetime.fromisoformat(str(rows[1].expires_at)).replace(tzinfo=UTC)
    assert timedelta(days=89) < expires - datetime.now(UTC) <= timedelta(days=90)
