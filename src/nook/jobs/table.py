"""The one written-down table of side effects: what each event sets off, in order, and the scheduled jobs.

Order matters within a kind: the barrier scores and folds a comment before notifications, the member's
profile and the post's ranking read that verdict; a post is analysed before it is ranked.
`install()` wires it all at start-up (the app, the CLI, the worker and the tests call it).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from nook.jobs import dispatch, handlers, schedule
from nook.jobs.analytics_jobs import analytics_interval, analytics_rollups
from nook.jobs.handlers import Handler, WorkReader
from nook.jobs.moderation_jobs import expire_restrictions, ring_interval, ring_scan
from nook.jobs.ranking_jobs import board_interval, refresh_stale, weekly_boards
from nook.jobs.schedule import Job
from nook.jobs.theme_jobs import archive_weeks, fandom_weeks
from nook.social.assist import understanding
from nook.social.content import counts
from nook.social.moderation import barrier
from nook.social.people import notifications
from nook.social.reach import scores
from nook.social.scenes import classmates, prompts
from nook.store import outbox
from nook.store.outbox import Kind

EVENT_HANDLERS: dict[str, Sequence[Handler]] = {
    Kind.POST_CREATED: (understanding.on_post, scores.on_post_change, notifications.on_special_post),
    Kind.POST_EDITED: (understanding.on_post, scores.on_post_change),
    Kind.LIKE: (notifications.on_like, understanding.on_like, scores.on_post_change, counts.on_post_activity),
    Kind.UNLIKE: (scores.on_post_change, counts.on_post_activity),
    Kind.COMMENT: (
        barrier.assess_new_comment,
        notifications.on_comment,
        understanding.on_comment,
        scores.on_comment,
        prompts.on_comment,
        classmates.notify_classmates,
        counts.on_comment_verdict,  # after the barrier: its fold is counted
    ),
    Kind.COMMENT_DELETED: (scores.on_post_change, counts.on_post_activity),
    Kind.BOARD: (notifications.on_board,),
    Kind.BOARD_REPLY: (notifications.on_board,),
    Kind.FRIEND_REQUEST: (notifications.on_friend, prompts.on_friend),
    Kind.FRIEND_ACCEPT: (notifications.on_friend, prompts.on_friend),
    Kind.CIRCLE_JOIN: (notifications.on_circle, prompts.on_join),
    Kind.CIRCLE_REQUEST: (notifications.on_circle, prompts.on_join),
    Kind.CIRCLE_APPROVED: (notifications.on_circle,),
    Kind.MENTION: (notifications.on_mention,),
    Kind.REPOST: (notifications.on_repost, scores.on_repost),
    Kind.MESSAGE: (notifications.on_message,),
    Kind.PHOTO_COMMENT: (barrier.assess_photo_comment, notifications.on_photo_comment),
}

#: What each kind's handlers will ask the engine: read for a whole batch before its write transaction
#: and analysed at once, outside the lock (the handlers find it in `nook.social.assist.engine_memo`).
ENGINE_WORK: dict[str, Sequence[WorkReader]] = {
    Kind.POST_CREATED: (understanding.post_work,),
    Kind.POST_EDITED: (understanding.post_work,),
    Kind.COMMENT: (barrier.comment_work, understanding.comment_work),
}


def _every(minutes: int) -> schedule.Interval:
    return lambda: timedelta(minutes=minutes)


SCHEDULED: tuple[Job, ...] = (
    Job("rings_scan", ring_interval, ring_scan),
    Job("restrictions_expire", _every(10), expire_restrictions),
    Job("ranking_refresh", _every(10), refresh_stale),
    Job("leaderboards", board_interval, weekly_boards),
    Job("analytics", analytics_interval, analytics_rollups),
    Job("theme_weeks_archive", _every(10), archive_weeks),
    Job("fandom_weeks", _every(6 * 60), fandom_weeks),
)


def install() -> None:
    """Wire the event handlers, the scheduled jobs and after-commit dispatch (idempotent)."""
    handlers.install(EVENT_HANDLERS, ENGINE_WORK)
    schedule.install(SCHEDULED)
    outbox.on_commit(dispatch.after_commit)
