"""Display names of the engine's labels (hook types, emotions, scenes), shared by the pages that show them."""

from nook.phrases import N_

HOOK_LABELS = {
    "recommendation": N_("求推荐"),
    "poll": N_("投票"),
    "suspense": N_("悬念"),
    "challenge": N_("挑战"),
    "question": N_("提问"),
    "other": N_("其他钩子"),
    "any": N_("任意钩子"),
    "none": N_("无钩子"),
}
EMOTION_LABELS = {
    "neutral": N_("平静"),
    "happy": N_("开心"),
    "angry": N_("生气"),
    "sad": N_("难过"),
    "fear": N_("担心"),
    "surprise": N_("惊讶"),
    "none": N_("未分析"),
}
SCENE_LABELS = {
    "travel": N_("旅行"),
    "study": N_("学习"),
    "campus": N_("校园"),
    "work": N_("工作"),
    "pets": N_("宠物"),
    "food": N_("美食"),
    "parenting": N_("育儿"),
    "fandom": N_("追星"),
    "games": N_("游戏"),
    "photography": N_("摄影"),
    "journaling": N_("日记"),
    "sports": N_("运动"),
    "love": N_("感情"),
    "health": N_("健康"),
    "family": N_("家庭"),
    "achievement": N_("成就"),
    "daily_life": N_("日常"),
    "none": N_("无场景"),
}
