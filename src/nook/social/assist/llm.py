"""The operator's LLM for comment suggestions (NOOK_LLM_*), or None when it is not configured.

One `LLMSuggester` per configuration, kept for the life of the process, so its connection pool and
its circuit breaker (a dead endpoint is left alone for a while) are shared by every request.
"""

from __future__ import annotations

from functools import lru_cache

from nook.config import get_settings
from nook.engine.suggest.llm import LLMSuggester, OpenAIChat

__all__ = ["configured_llm"]


def configured_llm() -> LLMSuggester | None:
    """The site's LLM suggester, or None when NOOK_LLM_URL is empty (the default: no request is made)."""
    s = get_settings()
    if not s.llm_url:
        return None
    return _suggester(s.llm_url, s.llm_model, s.llm_api_key.get_secret_value(), s.llm_timeout_s, s.llm_max_tokens)


@lru_cache(maxsize=4)  # keyed by the whole configuration: changed settings get a fresh client
def _suggester(url: str, model: str, api_key: str, timeout_s: float, max_tokens: int) -> LLMSuggester:
    chat = OpenAIChat(url, model, api_key=api_key, timeout_s=timeout_s, max_tokens=max_tokens)
    return LLMSuggester(chat, name=chat.name)
