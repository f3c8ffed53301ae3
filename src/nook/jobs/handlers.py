"""What each event sets off. A handler runs inside the transaction that marks its event done."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

Handler = Callable[[Session, dict[str, Any]], None]

_HANDLERS: dict[str, list[Handler]] = {}


def on(kind: str) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        _HANDLERS.setdefault(kind, []).append(handler)
        return handler

    return register


def handlers_for(kind: str) -> list[Handler]:
    _load_handler_modules()
    return _HANDLERS.get(kind, [])


def _load_handler_modules() -> None:
    # Imported late: handler modules import services, which import the outbox.
    import nook.social.barrier
    import nook.social.notifications
    import nook.social.ranking
    import nook.social.scene_prompts
    import nook.social.understanding  # noqa: F401
