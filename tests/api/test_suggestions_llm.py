"""The operator's LLM (NOOK_LLM_*) in the product: suggestions under a post over the HTTP API, their
source in the acceptance log, and no request at all when it is not configured."""

from __future__ import annotations

from collections.abc import Iterator, MutableMapping

import pytest
from pydantic import ValidationError
from sqlalchemy import select

from nook.config import Settings, get_settings
from nook.store.db import read_session
from nook.store.models import SuggestionShown
from tests.chat_stub import ChatStub, chat_server

POST = "今晚在茶卡盐湖拍到了银河！第一次拍星空，手都冻僵了"
GOOD = ["茶卡盐湖的银河也太美了吧，冻僵的手绝对值了！", "第一次拍星空就拍到银河，用的什么参数呀？"]
KEY = "sk-site-2b8e6d4f0a"


@pytest.fixture
def stub() -> Iterator[ChatStub]:
    with chat_server() as s:
        yield s


def _turn_on(env: MutableMapping[str, str], stub: ChatStub) -> None:
    env.update(NOOK_LLM_URL=stub.url, NOOK_LLM_MODEL="stub-model", NOOK_LLM_API_KEY=KEY, NOOK_LLM_TIMEOUT_S="5")
    get_settings.cache_clear()


def test_llm_lines_are_offered_under_a_post_and_logged_with_their_source(member, stub, nook_env) -> None:
    _turn_on(nook_env, stub)
    stub.answer_lines(GOOD)
    alice, bob = member("alice"), member("bob")
    post = alice.http.post("/posts", json={"body": POST}).json()
    offered = bob.http.get(f"/posts/{post['id']}/suggestions")
    assert offered.status_code == 200, offered.text
    chips = offered.json()
    assert len(chips) == 3 and set(GOOD) <= {c["text"] for c in chips}
    assert sorted(c["source"] for c in chips if c["text"] in GOOD) == ["llm", "llm"]
    assert all(c["source"] != "llm" for c in chips if c["text"] not in GOOD)  # the offline engine's line
    (seen,) = stub.requests
    assert seen.headers["Authorization"] == f"Bearer {KEY}" and "茶卡盐湖" in seen.prompt

    llm_chip = next(c for c in chips if c["text"] == GOOD[0])
    written = bob.http.post(f"/posts/{post['id']}/comments", json={"body": GOOD[0], "suggestion_id": llm_chip["id"]})
    assert written.status_code == 201
    with read_session() as session:
        log = {row.text: (row.source, row.outcome) for row in session.scalars(select(SuggestionShown))}
    assert log[GOOD[0]] == ("llm", "used") and log[GOOD[1]] == ("llm", "shown")
    assert sum(source == "llm" for source, _ in log.values()) == 2  # the third is the offline engine's


def test_without_nook_llm_url_no_request_is_made(member, stub, nook_env) -> None:
    nook_env.pop("NOOK_LLM_URL", None)
    get_settings.cache_clear()
    stub.answer_lines(GOOD)
    alice, bob = member("alice"), member("bob")
    post = alice.http.post("/posts", json={"body": POST}).json()
    chips = bob.http.get(f"/posts/{post['id']}/suggestions").json()
    engine = bob.http.post("/engine/suggest", json={"post": POST})
    assert len(chips) == 3 and engine.status_code == 200
    assert "llm" not in {c["source"] for c in chips} | {i["source"] for i in engine.json()}
    assert stub.requests == []
    with read_session() as session:
        assert "llm" not in set(session.scalars(select(SuggestionShown.source)))


def test_a_dead_endpoint_still_gives_suggestions_in_time(member, stub, nook_env) -> None:
    _turn_on(nook_env, stub)
    nook_env["NOOK_LLM_TIMEOUT_S"] = "0.5"
    get_settings.cache_clear()
    stub.status, stub.body = 500, b'{"error": "out of memory"}'
    alice, bob = member("alice"), member("bob")
    post = alice.http.post("/posts", json={"body": POST}).json()
    offered = bob.http.get(f"/posts/{post['id']}/suggestions")
    assert offered.status_code == 200 and len(offered.json()) == 3
    assert len(stub.requests) == 1
    with read_session() as session:
        assert "llm" not in set(session.scalars(select(SuggestionShown.source)))


def test_engine_suggest_endpoint_uses_the_llm(member, stub, nook_env) -> None:
    _turn_on(nook_env, stub)
    stub.answer_lines(GOOD)
    items = member("alice").http.post("/engine/suggest", json={"post": POST}).json()
    assert set(GOOD) <= {i["text"] for i in items}
    assert all("大模型" in i["why"] and i["source"] == "llm" for i in items if i["text"] in GOOD)
    assert all(i["source"] != "llm" for i in items if i["text"] not in GOOD)


@pytest.mark.parametrize(
    ("values", "problem"),
    [
        ({"llm_url": "ftp://models.local/v1", "llm_model": "m"}, "http"),
        ({"llm_url": "127.0.0.1:8001/v1", "llm_model": "m"}, "http"),
        ({"llm_url": "http://127.0.0.1:8001/v1"}, "NOOK_LLM_MODEL"),
        ({"llm_url": "http://127.0.0.1:8001/v1", "llm_model": "m", "llm_timeout_s": 0}, "greater than 0"),
    ],
)
def test_llm_settings_are_checked(values: dict[str, object], problem: str) -> None:
    with pytest.raises(ValidationError, match=problem):
        Settings(_env_file=None, **values)


def test_llm_settings_keep_the_key_out_of_their_repr() -> None:
    s = Settings(_env_file=None, llm_url="https://llm.example/v1/", llm_model="m", llm_api_key=KEY)
    assert s.llm_url == "https://llm.example/v1" and KEY not in repr(s) and KEY not in str(s.model_dump())
