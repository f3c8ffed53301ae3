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

# Operator analytics: scene prompts, moderation cases, folds, actions and case states.
PROMPT_LABELS = {
    "campus": N_("校园回忆"),
    "city_circle": N_("同城圈子"),
    "city_member": N_("同城成员"),
    "classmate_friend": N_("同学好友"),
}
CASE_LABELS = {"comment_throttle": N_("限流账号"), "like_ring": N_("刷赞团伙"), "spam_comment": N_("广告或接龙评论")}
FOLD_LABELS = {
    "low_value": N_("低质"),
    "offensive": N_("冒犯"),
    "throttled": N_("限流中"),
    "other": N_("其他"),
    "copy_paste": N_("复制粘贴"),
}
ACTION_LABELS = {
    "throttle": N_("限流"),
    "flag_ring": N_("标记团伙"),
    "appeal": N_("申诉"),
    "confirm": N_("维持"),
    "lift": N_("撤销"),
    "escalate": N_("上报"),
    "expire": N_("到期"),
    "warn": N_("提醒"),
    "report": N_("转交管理员"),
}
STATUS_LABELS = {"open": N_("待处理"), "confirmed": N_("维持"), "lifted": N_("撤销"), "escalated": N_("已上报")}
