"""`assess_comment`: quality, low value and offence of one comment against what it answers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from nook.engine import _sentences
from nook.engine._mood import mood
from nook.engine.comments.lowvalue import LowValueResult, detect_low_value
from nook.engine.comments.offensive import OffensiveResult, offensive_scores
from nook.engine.comments.quality import QualityScore, Signals, score_quality
from nook.engine.emotion import EmotionResult, classify_normalized
from nook.engine.text import normalize

__all__ = ["CommentAssessment", "assess_comment"]


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


def assess_comment(
    text: str,
    parent_text: str,
    *,
    post_text: str | None = None,
    use_encoder: bool = True,
) -> CommentAssessment:
    """Score a comment against parent_text (the post, or the reply it answers; then give post_text).

    use_encoder=False skips the sentence encoder (keyword overlap only): about 10x faster, for bulk
    back-fills where a coarser topic-continuity component is acceptable.
    """
    norm, parent_norm = normalize(text), normalize(parent_text)
    emotion, parent_emotion = classify_normalized([norm, parent_norm])
    offensive = offensive_scores([norm])[0]
    parent_mood = mood(parent_emotion, parent_norm.text)
    low_value = detect_low_value(text, norm, parent_text, parent_mood)
    post = normalize(post_text).text if post_text and post_text != parent_text else None
    encode = use_encoder and bool(norm.text) and not low_value.flag  # nothing to relate when folded
    signals = Signals(
        text=norm.text,
        parent=parent_norm.text,
        post=post,
        emotion=emotion,
        parent_mood=parent_mood,
        similarity=_sentences.similarity(norm.text, parent_norm.text) if encode and parent_norm.text else None,
        post_similarity=_sentences.similarity(norm.text, post) if encode and post else None,
        low_value=low_value,
        offensive=offensive,
    )
    return CommentAssessment(score_quality(signals), low_value, offensive, emotion)
