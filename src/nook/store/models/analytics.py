"""Operator analytics: small daily rollups computed by a scheduled job (no heavy query on page view)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, Float, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from nook.store.base import Base, UTCDateTime, utcnow


class AnalyticsRollup(Base):
    """One figure for one day (in the site's time zone) and one scope, e.g. ("comments", "") = 42.

    A long, narrow table: each metric is a row, so new figures need no migration. `circle_id` 0 is the
    whole site (no foreign key: 0 is not a circle); `key` splits a metric (hook type, fold reason, ...).
    Every row of a day is rewritten together when the day is recomputed.
    """

    __tablename__ = "analytics_rollups"
    __table_args__ = (Index("ix_analytics_rollups_scope_day", "circle_id", "day"),)

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    circle_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    metric: Mapped[str] = mapped_column(String(24), primary_key=True)
    key: Mapped[str] = mapped_column(String(48), primary_key=True, default="")
    value: Mapped[float] = mapped_column(Float)
    computed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
