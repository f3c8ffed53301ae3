"""`assess_comment`: quality, low value and offence of one comment against what it answers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from nook.engine import _sentences
from nook.engine._mood import mood
from nook.engine.comments.lowvalue import LowValueResult, detect_low_value
from nook.engine.comments.offensive import OffensiveResult, offensive_scores
from nook.engine.comments.quality import QualityScore, Signals, score_quality
from nook.engine.emotion import EmotionResult, classify_normalized, labels_normalized
from nook.engine.text import NormalizedText, normalize, strip_for_dedup

__all__ = ["CommentAssessment", "Parent", "assess_comment", "assess_comments", "read_parent"]


@dataclass(frozen=True, slots=True)
class CommentAssessment:
    quality: QualityScore
    low_value: LowValueResult
    offensive: OffensiveResult
    emotion: EmotionResult

    @property
    def fold(self) -> bool:
        """Whether the comment is folded by default ("N 条低质评论已折叠", expandable, never deleted)."""
        return self.low_value.flag

    def to_json(self) -> dict[str, Any]:
        """The comment fields of the `nook engine analyze` contract."""
        return {
            "quality": self.quality.to_json(),
            "low_value": self.low_value.to_json(),
            "offensive": self.offensive.to_json(),
        }


@dataclass(frozen=True, slots=True)
class Parent:
    """What a comment answers, read once: several comments under one post need not read it again."""

    text: str
    norm: NormalizedText
    mood: str  # from _mood.mood: sad, good, angry or neutral


def read_parent(text: str, *, norm: NormalizedText | None = None, emotion: EmotionResult | None = None) -> Parent:
    """Normalise `text` and read its mood (its emotion), for `assess_comment`; a caller that has
    already normalised and classified it (the suggestion pipeline) passes `norm` and `emotion`."""
    norm = normalize(text) if norm is None else norm
    emotion = classify_normalized([norm])[0] if emotion is None else emotion
    return Parent(text, norm, mood(emotion.label, norm.text))


def assess_comment(
    text: str,
    parent_text: str | Parent,
    *,
    post_text: str | None = None,
    use_encoder: bool = True,
) -> CommentAssessment:
    """Score a comment against parent_text (the post, or the reply it answers; then give post_text).

    parent_text may be a `read_parent` result, when many comments are scored against one text.
    use_encoder=False skips the sentence encoder (keyword overlap only): about 10x faster, for bulk
    back-fills where a coarser topic-continuity component is acceptable.
    """
    parent = parent_text if isinstance(parent_text, Parent) else read_parent(parent_text)
    norm = normalize(text)
    emotion = classify_normalized([norm])[0]
    offensive = offensive_scores([norm])[0]
    low_value = detect_low_value(text, norm, parent.text, parent.mood)
    post = normalize(post_text).text if post_text and post_text != parent.text else None
    encode = use_encoder and bool(norm.text) and not low_value.flag  # nothing to relate when folded
    signals = Signals(
        text=norm.text,
        parent=parent.norm.text,
        post=post,
        emotion=emotion,
        parent_mood=parent.mood,
        similarity=_sentences.similarity(norm.text, parent.norm.text) if encode and parent.norm.text else None,
        post_similarity=_sentences.similarity(norm.text, post) if encode and post else None,
        low_value=low_value,
        offensive=offensive,
    )
    return CommentAssessment(score_quality(signals), low_value, offensive, emotion)


def assess_comments(
    items: Sequence[tuple[str, str]],
    *,
    norms: Sequence[NormalizedText] | None = None,
    emotions: Sequence[EmotionResult] | None = None,
    post_texts: Sequence[str | None] | None = None,
    use_encoder: bool = True,
) -> list[CommentAssessment]:
    """`assess_comment` for many (comment, what it answers) pairs at once, as bulk analysis needs.

    Emotion, offence and the sentence encoder each run once for the batch, and each distinct parent
    is read and embedded once however many comments answer it. A caller that has normalised and
    classified the comments already passes `norms` and `emotions`. Replies to replies also relate to
    their post: `post_texts` gives each item's post (None for a comment on the post itself), as
    `assess_comment`'s post_text.
    """
    norms = [normalize(text) for text, _ in items] if norms is None else norms
    emotions = classify_normalized(list(norms)) if emotions is None else emotions
    parents = _read_parents(list(dict.fromkeys(parent for _, parent in items)))
    answered = [parents[parent] for _, parent in items]
    offensive = offensive_scores(list(norms))
    parent_bare = {text: strip_for_dedup(text) for text in parents}  # the low-value rules' bare wording
    bare = [strip_for_dedup(text) for text, _ in items]
    low_value = [
        detect_low_value(text, norm, parent.text, parent.mood, stripped=(own, parent_bare[parent.text]))
        for (text, _), norm, parent, own in zip(items, norms, answered, bare, strict=True)
    ]
    # as in `assess_comment`: a folded or empty comment is related to nothing
    encode = [use_encoder and bool(norm.text) and not low.flag for norm, low in zip(norms, low_value, strict=True)]
    posts = _posts(post_texts or [None] * len(items), answered)
    relate = [(i, parent.norm.text) for i, parent in enumerate(answered) if encode[i] and parent.norm.text]
    relate += [(i, post) for i, post in enumerate(posts) if encode[i] and post]
    # posts come back batch after batch on a real site: their vectors are kept, the comments' are not
    vectors = _sentences.embed_many((above for _, above in relate), cached=True)
    vectors |= _sentences.embed_many(norms[i].text for i, _ in relate if norms[i].text not in vectors)

    def similarity(i: int, above: str | None) -> float | None:
        return float(vectors[norms[i].text] @ vectors[above]) if encode[i] and above else None

    out = []
    for i, (norm, parent) in enumerate(zip(norms, answered, strict=True)):
        signals = Signals(
            text=norm.text,
            parent=parent.norm.text,
            post=posts[i],
            emotion=emotions[i],
            parent_mood=parent.mood,
            similarity=similarity(i, parent.norm.text),
            post_similarity=similarity(i, posts[i]),
            low_value=low_value[i],
            offensive=offensive[i],
        )
        out.append(CommentAssessment(score_quality(signals), low_value[i], offensive[i], emotions[i]))
    return out


def _posts(post_texts: Sequence[str | None], answered: Sequence[Parent]) -> list[str | None]:
    """Each reply's normalised post, as `assess_comment` reads post_text (None where it is the parent)."""
    return [
        normalize(post).text if post and post != parent.text else None
        for post, parent in zip(post_texts, answered, strict=True)
    ]


def _read_parents(texts: list[str]) -> dict[str, Parent]:
    """`read_parent` for distinct texts, classified in one call (the mood needs their labels alone)."""
    norms = [normalize(text) for text in texts]
    return {
        text: Parent(text, norm, mood(label, norm.text))
        for text, norm, label in zip(texts, norms, labels_normalized(norms), strict=True)
    }
