"""An operator's LLM in comment suggestions: its lines pass the same checks, and the offline engine
answers whenever it cannot (slow, down, nonsense). Against a real HTTP server speaking the
OpenAI chat-completions shape (tests/chat_stub.py)."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import time
from collections.abc import Iterator

import pytest

from nook.engine.suggest import suggest
from nook.engine.suggest.llm import LLMSuggester, OpenAIChat, parse_lines
from tests.chat_stub import ChatStub, chat_server, completion

POST = "今晚在茶卡盐湖拍到了银河！第一次拍星空，手都冻僵了"
GOOD = ["茶卡盐湖的银河也太美了吧，冻僵的手绝对值了！", "第一次拍星空就拍到银河，用的什么参数呀？"]
INSULT = "你是傻逼吧拍的什么垃圾"
KEY = "sk-test-7f3a9c1e5b"


@pytest.fixture
def stub() -> Iterator[ChatStub]:
    with chat_server() as s:
        yield s


def _llm(stub: ChatStub, *, timeout_s: float = 3.0, failures_to_open: int = 3, key: str = "") -> LLMSuggester:
    chat = OpenAIChat(stub.url, "stub-model", api_key=key, timeout_s=timeout_s, max_tokens=160)
    return LLMSuggester(chat, name=chat.name, failures_to_open=failures_to_open)


def test_lines_that_pass_take_slots_and_say_where_they_came_from(stub: ChatStub) -> None:
    stub.answer_lines(GOOD)
    found = suggest(POST, llm=_llm(stub))
    assert [s.text for s in found if s.source == "llm"] == GOOD
    assert all("大模型" in s.why for s in found if s.source == "llm")
    assert len(found) == 3 and len({s.intent for s in found}) == 3
    offline = suggest(POST)
    assert found[2] == offline[2]  # the LLM wrote two lines: the offline engine fills the third slot

    (seen,) = stub.requests
    assert seen.path == "/v1/chat/completions"
    assert seen.body["model"] == "stub-model" and seen.body["max_tokens"] == 160
    assert "茶卡盐湖拍到了银河" in seen.prompt  # the post, and the offline lines as style examples
    assert all(s.text in seen.prompt for s in offline)
    assert "Authorization" not in seen.headers  # no key configured, none sent


def test_offensive_and_low_value_lines_are_dropped_by_the_same_gate(stub: ChatStub) -> None:
    stub.answer_lines([INSULT, GOOD[0], "沙发"])
    found = suggest(POST, llm=_llm(stub))
    offline = suggest(POST)
    assert [s.text for s in found if s.source == "llm"] == [GOOD[0]]
    assert found[0] == offline[0] and found[2] == offline[2]  # the insult's and 沙发's slots stay offline
    assert not any(w in s.text for s in found for w in ("傻逼", "垃圾", "沙发"))


def test_lines_the_offline_engine_already_has_are_not_repeated(stub: ChatStub) -> None:
    offline = suggest(POST)
    stub.answer_lines([offline[1].text + "！", offline[0].text])  # same words, other punctuation/slot
    assert suggest(POST, llm=_llm(stub)) == offline


def test_reader_history_sent_is_only_the_post_that_connects(stub: ChatStub) -> None:
    stub.answer_lines(GOOD)
    history = ["最近在学做红烧肉，已经糊了三次", "去年夏天去了茶卡盐湖，星空美得让人想哭"]
    found = suggest(POST, history, llm=_llm(stub))
    (seen,) = stub.requests
    assert "去年夏天去了茶卡盐湖" in seen.prompt
    assert "红烧肉" not in seen.prompt
    personal = [s for s in found if s.source == "personal"]
    assert personal and personal[0] in suggest(POST, history)  # the reader's own-experience line is kept


def test_a_slow_server_costs_at_most_the_timeout(stub: ChatStub) -> None:
    offline = suggest(POST)  # warm: the models are loaded and the post read, as on a running site
    stub.answer_lines(GOOD)
    stub.delay_s = 3.0
    start = time.monotonic()
    found = suggest(POST, llm=_llm(stub, timeout_s=0.5))
    assert time.monotonic() - start < 0.5 + 0.4
    assert found == offline and len(stub.requests) == 1


def test_a_server_that_trickles_its_answer_costs_at_most_the_timeout(stub: ChatStub) -> None:
    offline = suggest(POST)
    stub.answer_lines(GOOD)
    stub.trickle_s = 0.2  # every read arrives within the timeout; the whole answer would take a minute
    start = time.monotonic()
    found = suggest(POST, llm=_llm(stub, timeout_s=0.5))
    assert time.monotonic() - start < 0.5 + 0.4
    assert found == offline


@pytest.mark.parametrize(
    ("status", "body"),
    [
        (500, b'{"error": "model crashed"}'),
        (404, b'{"error": "no such model"}'),
        (200, b"<html>gateway says hi</html>"),
        (200, b'{"object": "chat.completion", "choices": []}'),
        (200, completion("好的，以下是三条评论：")),
    ],
    ids=["500", "404", "not-json", "no-choices", "no-lines"],
)
def test_errors_and_nonsense_give_the_offline_lines(
    stub: ChatStub, status: int, body: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    offline = suggest(POST)
    stub.status, stub.body = status, body
    llm = _llm(stub)
    with caplog.at_level(logging.WARNING, logger="nook.engine.suggest.llm"):
        assert suggest(POST, llm=llm) == offline
        assert suggest(POST, llm=llm) == offline
    assert len(stub.requests) == 2
    warnings = [r for r in caplog.records if r.name == "nook.engine.suggest.llm"]
    assert len(warnings) == 1 and warnings[0].exc_info is None  # once per kind of failure, no traceback


def test_an_unreachable_endpoint_gives_the_offline_lines(caplog: pytest.LogCaptureFixture) -> None:
    with chat_server() as gone:
        url = gone.url  # a port that was just closed: connection refused
    chat = OpenAIChat(url, "m", timeout_s=1.0)
    with caplog.at_level(logging.WARNING, logger="nook.engine.suggest.llm"):
        assert suggest(POST, llm=LLMSuggester(chat, name=chat.name)) == suggest(POST)
    assert "connection" in caplog.text


def test_a_failing_endpoint_is_left_alone_for_a_while(stub: ChatStub) -> None:
    now = [0.0]
    chat = OpenAIChat(stub.url, "stub-model", timeout_s=3.0)
    llm = LLMSuggester(chat, failures_to_open=2, cooldown_s=30.0, clock=lambda: now[0])
    stub.status, stub.body = 503, b"{}"
    for _ in range(4):
        suggest(POST, llm=llm)
    assert len(stub.requests) == 2  # open after two failures in a row: no request, no waiting
    now[0] += 31
    suggest(POST, llm=llm)
    suggest(POST, llm=llm)
    assert len(stub.requests) == 3  # one try after the cooldown; it failed, so it is open again
    now[0] += 31
    stub.answer_lines(GOOD)
    assert any(s.source == "llm" for s in suggest(POST, llm=llm))
    assert any(s.source == "llm" for s in suggest(POST, llm=llm))
    assert len(stub.requests) == 5  # answering again: asked every time


def test_the_key_is_sent_as_a_bearer_token_and_never_logged(stub: ChatStub, caplog: pytest.LogCaptureFixture) -> None:
    llm = _llm(stub, key=KEY)
    with caplog.at_level(logging.DEBUG):  # every logger, httpx's included
        stub.answer_lines(GOOD)
        suggest(POST, llm=llm)
        stub.status, stub.body = 401, b'{"error": "bad key"}'
        suggest(POST, llm=llm)
        stub.status, stub.delay_s = 200, 2.0
        suggest(POST, llm=_llm(stub, key=KEY, timeout_s=0.3))
    assert [r.headers.get("Authorization") for r in stub.requests] == [f"Bearer {KEY}"] * 3
    assert "http_status" in caplog.text and "timeout" in caplog.text  # the failures were logged...
    assert KEY not in caplog.text  # ...without the key


@pytest.mark.parametrize(
    ("content", "lines"),
    [
        ('["一句", "两句"]', ["一句", "两句"]),
        ('好的，建议如下：\n```json\n["一句",\n "两句"]\n```\n希望有帮助', ["一句", "两句"]),
        ('{"comments": ["一句", "两句"]}', ["一句", "两句"]),
        ('[{"text": "一句"}, {"text": "两句"}]', ["一句", "两句"]),
        ("以下是三条评论：\n1. “一句”\n2、两句\n3) 「三句」", ["一句", "两句", "三句"]),
        ("- 一句\n- 两句\n希望对你有帮助", ["一句", "两句"]),
        ("一句\n\n两句", ["一句", "两句"]),
        ("", []),
    ],
    ids=["json", "fenced-with-prose", "object", "objects", "numbered", "bullets", "plain-lines", "empty"],
)
def test_answers_are_read_in_the_shapes_models_write(content: str, lines: list[str]) -> None:
    assert parse_lines(content) == lines


def test_nook_engine_suggest_uses_the_configured_llm(stub: ChatStub) -> None:
    stub.answer_lines(GOOD)
    env = {**os.environ, "NOOK_LLM_URL": stub.url, "NOOK_LLM_MODEL": "stub-model", "NOOK_LLM_TIMEOUT_S": "5"}
    proc = subprocess.run(
        [sys.executable, "-m", "nook.cli.main", "engine", "suggest"],
        input=json.dumps({"id": 1, "post": POST}, ensure_ascii=False) + "\n",
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=env,
    )
    assert proc.returncode == 0, proc.stderr
    texts = [s["text"] for s in json.loads(proc.stdout)["suggestions"]]
    assert set(GOOD) <= set(texts) and len(stub.requests) == 1
