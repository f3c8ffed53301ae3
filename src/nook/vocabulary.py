"""The product's shared words, defined once: who may see a post, how private a profile field is.

The model checks values against these tuples, the API's schemas use the `Literal` types (so the
OpenAPI document lists the values), and pages show the labels, marked here for translation.
"""

from __future__ import annotations

from typing import Literal, get_args

from nook.phrases import N_

#: "selected": the friends a post names (by group or one by one, 部分好友可见); "except": every friend but
#: those it names (不给谁看).
Visibility = Literal["public", "friends", "private", "circle", "selected", "except"]
VISIBILITIES: tuple[Visibility, ...] = get_args(Visibility)
VISIBILITY_LABELS: dict[Visibility, str] = {
    "public": N_("所有人可见"),
    "friends": N_("好友可见"),
    "private": N_("仅自己可见"),
    "circle": N_("圈子内可见"),
    "selected": N_("部分好友可见"),
    "except": N_("不给谁看"),
}
#: Visibilities whose readers are the friends a post names, or all friends but them.
AUDIENCE_VISIBILITIES: tuple[Visibility, ...] = ("selected", "except")

#: Who may see one field of a member's profile (school, class, city, birthday...).
PrivacyLevel = Literal["public", "friends", "private"]
PRIVACY_LEVELS: tuple[PrivacyLevel, ...] = get_args(PrivacyLevel)
PRIVACY_LABELS: dict[PrivacyLevel, str] = {"public": N_("所有人"), "friends": N_("仅好友"), "private": N_("仅自己")}

#: Who may read a member's 留言板 (friends among them may also write): everyone, friends, the friends it
#: names ("selected") or every friend but those ("except"), named as a post names them.
BoardPolicy = Literal["everyone", "friends", "selected", "except"]
BOARD_POLICIES: tuple[BoardPolicy, ...] = get_args(BoardPolicy)
BOARD_POLICY_LABELS: dict[BoardPolicy, str] = {
    "everyone": N_("所有人可看（只有好友能留言）"),
    "friends": N_("仅好友可看"),
    "selected": N_("部分好友可见"),
    "except": N_("不给谁看"),
}
