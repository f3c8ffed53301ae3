"""Migration 0002 copies each member's single profile school into user_schools, with its privacy."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from tests.migrating import migrate


def test_profile_schools_move_into_user_schools_and_back(tmp_path: Path) -> None:
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'old.db'}")
    with engine.begin() as conn:
        migrate(conn, "2ff5efbad6a4")
        row = {
            "nickname": "x",
            "password_hash": "x",
            "is_admin": False,
            "is_active": True,
            "trust_level": 0,
            "created_at": "2024-01-01 00:00:00.000000",
            "bio": "",
            "city": "",
            "interests": "[]",
            "board_policy": "everyone",
            "allow_invisible_visits": True,
            "visit_invisibly": False,
            "profile_completed": True,
            "failed_logins": 0,
        }
        users = sa.table(
            "users",
            *(
                sa.column(k)
                for k in [*row, "username", "school", "school_kind", "enroll_year", "class_name", "privacy"]
            ),
        )
        conn.execute(sa.insert(users), [
            row | {"username": "lin", "school": "南城一中", "school_kind": "高中", "enroll_year": 2012,
                   "class_name": "3班", "privacy": '{"school": "friends", "class": "private"}'},
            row | {"username": "zhou", "school": "", "school_kind": "", "enroll_year": None, "class_name": "",
                   "privacy": "{}"},
            row | {"username": "wu", "school": "江北大学", "school_kind": "", "enroll_year": None, "class_name": "",
                   "privacy": '{"school": "nonsense"}'},
        ])  # fmt: skip
        migrate(conn, "0002_campus_city")
        got = conn.execute(
            sa.text(
                "SELECT u.username, s.kind, s.name, s.enroll_year, s.class_name, s.school_privacy, s.year_privacy,"
                " s.class_privacy, s.position FROM user_schools s JOIN users u ON u.id = s.user_id ORDER BY u.username"
            )
        ).all()
        assert [tuple(r) for r in got] == [
            ("lin", "高中", "南城一中", 2012, "3班", "friends", "friends", "private", 0),
            ("wu", "高中", "江北大学", None, "", "public", "public", "friends", 0),
        ]
        migrate(conn, "2ff5efbad6a4", down=True)
        assert "user_schools" not in sa.inspect(conn).get_table_names()
    engine.dispose()
