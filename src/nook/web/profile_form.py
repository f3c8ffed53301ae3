"""Profile and privacy forms → the `changes` dict that `profile.update_profile` validates."""

from __future__ import annotations

import re
from typing import Any

from starlette.datastructures import FormData

from nook.store.models import PRIVATE_FIELDS
from nook.web.forms import audience, text

_TEXT_FIELDS = ("nickname", "bio", "school", "school_kind", "class_name", "city")
_SPLIT = re.compile(r"[,，、\s]+")


def profile_changes(form: FormData) -> dict[str, Any]:
    """Only the fields the form carried; the service checks each one."""
    changes: dict[str, Any] = {k: text(form, k).strip() for k in _TEXT_FIELDS if k in form}
    if "enroll_year" in form:
        year = text(form, "enroll_year").strip()
        changes["enroll_year"] = int(year) if year.isdigit() else None
    if "interests" in form:
        changes["interests"] = [t for t in _SPLIT.split(text(form, "interests")) if t]
    if "birthday" in form:
        changes["birthday"] = text(form, "birthday").strip() or None
    return changes


def privacy_changes(form: FormData) -> dict[str, Any]:
    privacy = {f: text(form, f"privacy_{f}") for f in PRIVATE_FIELDS if f"privacy_{f}" in form}
    board_policy = text(form, "board_policy", "everyone")
    group_ids, usernames = audience(form, board_policy)
    return {
        "privacy": privacy,
        "board_policy": board_policy,
        "board_audience": {"group_ids": list(group_ids), "usernames": list(usernames)},
        "allow_invisible_visits": text(form, "allow_invisible_visits") == "on",
        "visit_invisibly": text(form, "visit_invisibly") == "on",
        "birthday_reminders": text(form, "birthday_reminders") == "on",
    }
