"""Site settings, read from the environment with the prefix `NOOK_`."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

#: One NOOK_HELP_LINES entry: a name, then a phone number (digits, with - or + as people write them).
_HELP_LINE = re.compile(r"(?P<name>\S.*?)\s+(?P<number>\+?\d[\d-]{2,19})")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="NOOK_", env_file=".env", extra="ignore")

    #: Folder for the SQLite database, uploaded media and the job queue; created on first use.
    data_dir: Path = Path("data")
    #: SQLAlchemy URL; empty means SQLite at `<data_dir>/nook.db`.
    database_url: str = ""
    #: Redis URL for shared rate limits, caches and the job queue across processes; empty = in-process.
    redis_url: str = ""
    #: "queue": side effects run in a worker after commit; "inline": run right after commit (tests).
    jobs_mode: str = Field(default="queue", pattern="^(queue|inline)$")
    #: Public URL of the site, used in links, and trusted as an origin for form posts only when set.
    base_url: str = "http://127.0.0.1:8000"
    #: Addresses (IPs or CIDRs, comma-separated) of reverse proxies whose X-Forwarded-For/-Proto are
    #: believed; empty = none, so no local process can choose the address its rate limits count against.
    trusted_proxies: str = ""
    #: Mark cookies Secure (set when served over HTTPS).
    cookie_secure: bool = False
    #: Days a login session lasts without use.
    session_days: int = 30
    #: Time zone of the community, for day boundaries in reports and leaderboards.
    timezone: str = "Asia/Shanghai"
    #: Turn every rate limit off (benchmarks and data imports only).
    rate_limits_enabled: bool = True
    #: Argon2id cost: passes over memory, and memory in KiB (the defaults follow RFC 9106's second profile).
    argon2_time_cost: int = 3
    argon2_memory_kib: int = 65536
    #: Largest accepted upload, per image, in bytes.
    max_image_bytes: int = 10 * 1024 * 1024
    #: Largest accepted image, in pixels (width × height), against decompression bombs.
    max_image_pixels: int = 40_000_000
    #: Largest request body, counted as it streams (chunked too): JSON and plain forms ...
    max_request_bytes: int = 1024 * 1024
    #: ... and photo uploads and the engine's batch endpoints.
    max_upload_request_bytes: int = 12 * 1024 * 1024
    #: Seconds a write waits for the database's write lock (SQLite) or a row lock (PostgreSQL)
    #: before the member is told to try again later (503 + Retry-After).
    db_lock_timeout_s: float = Field(default=10.0, gt=0, le=600)
    #: Threads per app process that run requests (Starlette's default is 40). Every thread a request waits
    #: on competes for the one GIL, so with many a writer holding SQLite's lock gets a sliver of the CPU and
    #: holds it many times longer (docs/benchmarks.md, the mixed profile); a few keep the CPU as busy.
    request_threads: int = Field(default=16, ge=1, le=1000)
    #: Take what an app process made while starting out of Python's cyclic garbage collector
    #: (`gc.freeze()`), so its full collections under load scan only newer objects: without it each one
    #: walked the whole start-up heap, stopping every request of the process for a few hundred ms.
    gc_freeze: bool = True
    #: Allocations between the collector's young collections in an app process (Python's default is 700;
    #: 0 leaves Python's). At 700 a busy process collects ~50 times a second, promoting the objects of
    #: requests in flight, which brings a full collection every few seconds.
    gc_young_threshold: int = Field(default=50_000, ge=0)

    # --- the barrier against low-value and copy-paste comments (issue 5) ---
    #: Hours of an account's comments the barrier looks at when deciding to throttle it.
    barrier_window_hours: float = 24.0
    #: Fewer comments than this in the window never throttle (a new member's two "沙发" are fine).
    barrier_min_comments: int = 6
    #: Share of low-value comments in the window that throttles the account.
    barrier_low_value_share: float = 0.6
    #: Copy-paste comments in the window (matching another comment, any account or post) that throttle.
    barrier_copy_paste_count: int = 3
    #: Offensive comments in the window that throttle.
    barrier_offensive_count: int = 3
    #: Days a throttle lasts unless a moderator lifts it first.
    barrier_throttle_days: float = 1.0
    #: Comments per hour a throttled account may write (the normal rate is 60).
    barrier_throttled_comments_per_hour: int = 6

    # --- like-farming rings in the live site (issue 6) ---
    #: Minutes between scheduled ring scans; 0 turns the scheduled scan off (`nook rings scan` still works).
    rings_scan_minutes: float = 60.0
    #: Days of likes behind each scan's window that the detector sees, so slow farms are found too.
    rings_lookback_days: float = 30.0

    # --- ranked feed and weekly leaderboards (issue 8) ---
    #: Weights are never negative: a post's rank key is then at least its creation time's term, which the
    #: ranked feed's index reads rely on to stop at the window's start (`nook.social.reach.near`).
    #: Weight of honest likes (ring-flagged and throttled accounts' likes left out), on log(1 + likes).
    rank_like_weight: float = Field(default=1.0, ge=0)
    #: Weight of each counted comment's quality (0-1); low-value, offensive, folded and copied comments count 0.
    rank_comment_weight: float = Field(default=3.0, ge=0)
    #: Weight of each distinct pair of people continuing a conversation (replies to someone else's comment).
    rank_reply_weight: float = Field(default=2.0, ge=0)
    #: Extra weight per distinct good commenter on a post with a hook (hooks that start conversations rise).
    rank_hook_weight: float = Field(default=1.0, ge=0)
    #: A commenter's k-th comment on the same post counts this factor^k (volume does not buy reach).
    rank_repeat_decay: float = 0.5
    #: Hours after which a post's interaction counts half (freshness decay).
    rank_half_life_hours: float = 24.0
    #: Boosts for the viewer's relationship to the author and interests (multiplicative: score × (1 + sum)).
    rank_friend_boost: float = 1.0
    rank_circle_boost: float = 0.6
    rank_class_boost: float = 0.5
    rank_interest_boost: float = 0.8
    #: Each further post by the same author (or circle) on a page is multiplied by this (diversity).
    rank_diversity_decay: float = 0.5
    #: Days of posts the ranked feed considers, and how many of the best visible ones it re-ranks per viewer.
    rank_window_days: float = 14.0
    rank_pool: int = 300
    #: Site-wide hottest posts read (by key, before visibility) to fill the pool; friends' posts come on top.
    rank_candidates: int = 2000
    #: Minutes between recomputations of the open week's leaderboards (closed weeks are archived once).
    leaderboard_minutes: float = 30.0
    #: Entries kept per board.
    leaderboard_size: int = 20
    #: Minimum comment quality (0-100) for a comment to count on the boards at all.
    leaderboard_min_quality: int = 40

    # --- operator analytics (issue 10) ---
    #: Minutes between analytics rollup runs; 0 turns the scheduled job off (`nook analytics backfill` still works).
    analytics_minutes: float = 60.0
    #: Recent days every run recomputes (posts are followed for a week, new members for a week and a day).
    analytics_recompute_days: int = 9
    #: Quality score (0-100) from which a comment counts as warm (走心), unless low-value or offensive.
    analytics_warm_score: int = 70

    # --- optional LLM for comment suggestions (issue 7) ---
    #: Base URL of an OpenAI-compatible API (…/v1); empty = off: only the offline engine suggests.
    llm_url: str = ""
    #: Model name the endpoint serves (required when llm_url is set).
    llm_model: str = ""
    #: Sent as `Authorization: Bearer …` when set; never logged.
    llm_api_key: SecretStr = SecretStr("")
    #: Seconds one suggestion request may wait for the endpoint, all in; then the offline lines are shown.
    llm_timeout_s: float = Field(default=2.5, gt=0, le=30)
    #: Largest completion asked for (three short lines need ~150).
    llm_max_tokens: int = Field(default=200, ge=32, le=2000)

    # --- help card for authors of posts that signal a crisis (issue 18) ---
    #: Help lines shown (to the author only) under their post that signals a crisis: "name number"
    #: entries separated by ";". Empty = no card.
    help_lines: str = "全国心理援助热线 12356; 希望24热线 400-161-9995"

    @field_validator("help_lines")
    @classmethod
    def _help_lines_have_numbers(cls, value: str) -> str:
        _parse_help_lines(value)
        return value

    @field_validator("llm_url")
    @classmethod
    def _llm_url_is_http(cls, value: str) -> str:
        value = value.strip().rstrip("/")
        parts = urlsplit(value)
        if value and (parts.scheme not in ("http", "https") or not parts.hostname):
            raise ValueError("NOOK_LLM_URL must be an http:// or https:// URL, e.g. http://127.0.0.1:8001/v1")
        return value

    @model_validator(mode="after")
    def _llm_model_when_on(self) -> Settings:
        if self.llm_url and not self.llm_model.strip():
            raise ValueError("NOOK_LLM_MODEL is required when NOOK_LLM_URL is set")
        return self

    @property
    def help_line_entries(self) -> list[tuple[str, str]]:
        """NOOK_HELP_LINES as (name, number) pairs, in the operator's order."""
        return _parse_help_lines(self.help_lines)

    @property
    def sqlalchemy_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'nook.db').resolve()}"

    @property
    def trusted_origin(self) -> str | None:
        """`base_url` as an origin form posts may come from, only when the operator set it."""
        return self.base_url if "base_url" in self.model_fields_set else None

    @property
    def proxy_addresses(self) -> list[str]:
        return [a.strip() for a in self.trusted_proxies.split(",") if a.strip()]

    @property
    def media_dir(self) -> Path:
        return self.data_dir / "media"

    @property
    def is_sqlite(self) -> bool:
        return self.sqlalchemy_url.startswith("sqlite")


def _parse_help_lines(value: str) -> list[tuple[str, str]]:
    entries = []
    for entry in filter(None, (e.strip() for e in re.split(r"[;；]", value))):
        m = _HELP_LINE.fullmatch(entry)
        if m is None:
            raise ValueError(
                f"NOOK_HELP_LINES: {entry!r} is not 'name number' (e.g. '希望24热线 400-161-9995'); "
                "separate entries with ';'"
            )
        entries.append((m["name"], m["number"]))
    return entries


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
