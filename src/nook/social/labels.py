"""Display names of the engine's labels (hook types, emotions, scenes), shared by the pages that show them."""

HOOK_LABELS = {
    "recommendation": "求推荐",
    "poll": "投票",
    "suspense": "悬念",
    "challenge": "挑战",
    "question": "提问",
    "other": "其他钩子",
    "any": "任意钩子",
    "none": "无钩子",
}
EMOTION_LABELS = {
    "neutral": "平静",
    "happy": "开心",
    "angry": "生气",
    "sad": "难过",
    "fear": "担心",
    "surprise": "惊讶",
    "none": "未分析",
}
SCENE_LABELS = {
    "travel": "旅行",
    "study": "学习",
    "campus": "校园",
    "work": "工作",
    "pets": "宠物",
    "food": "美食",
    "parenting": "育儿",
    "fandom": "追星",
    "games": "游戏",
    "photography": "摄影",
    "journaling": "日记",
    "sports": "运动",
    "love": "感情",
    "health": "健康",
    "family": "家庭",
    "achievement": "成就",
    "daily_life": "日常",
    "none": "无场景",
}
