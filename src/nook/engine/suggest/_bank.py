"""The template bank, written for Nook: mood × intent, scene × tone × intent, and personal lines.

Every line ends with a question or offers a shared experience, so it invites a reply. Slots:
{thing} the post's most telling noun; {x} the scene's own slot (place, exam, pet, game, dish, idol
or scene cue); {value} what the reader's history shares with the post; {mine} the reader's own words.
None of these lines was written from the evaluation posts (SMP2020-EWECT usual_eval).
"""

from __future__ import annotations

# The three intents offered for each mood, in the order they are filled.
INTENTS: dict[str, tuple[str, str, str]] = {
    "grief": ("empathy", "shared_experience", "question"),
    "low": ("empathy", "shared_experience", "question"),
    "proud": ("celebrate", "question", "shared_experience"),
    "happy": ("empathy", "shared_experience", "question"),
    "angry": ("empathy", "shared_experience", "question"),
    "everyday": ("question", "shared_experience", "empathy"),
}

# (mood, intent) -> templates naming {thing}
GENERIC: dict[tuple[str, str], tuple[str, ...]] = {
    ("grief", "empathy"): (
        "抱抱你。和{thing}有关的事一定让你很难受，想说说的时候我都在，好吗？",
        "抱抱你，这种时候不用急着好起来。想聊聊{thing}吗？我在听。",
    ),
    ("grief", "shared_experience"): (
        "我也经历过这样的告别，后来把旧照片一张张整理出来，心里才慢慢好受一些。愿意说说{thing}吗？",
    ),
    ("grief", "question"): ("{thing}一定给你留下了很多温暖的回忆吧，愿意讲一件给我听吗？",),
    ("low", "empathy"): (
        "抱抱你，{thing}这件事换谁都会难受的。想说的时候我都在，要不要聊聊？",
        "看到你说{thing}，有点心疼。今天先对自己好一点，想聊随时找我好吗？",
    ),
    ("low", "shared_experience"): (
        "我上周也这样，后来去公园走了走，看到老人们下棋，突然觉得没什么过不去的。要不要聊聊{thing}？",
        "我之前也因为{thing}低落过好一阵，后来找朋友说出来才轻松些。你现在最堵的是哪一块？",
    ),
    ("low", "question"): (
        "{thing}的事是从什么时候开始让你这么累的？想说的话我都在听。",
        "现在最让你放不下的是{thing}的哪一部分？说出来也许会轻一点。",
    ),
    ("proud", "celebrate"): (
        "太厉害了！{thing}这一步肯定付出了很多，最想先跟谁分享这个好消息？",
        "恭喜恭喜！{thing}终于有结果了，准备怎么犒劳自己？",
    ),
    ("proud", "question"): (
        "好想知道你是怎么拿下{thing}的，过程中哪个方法最管用？",
        "{thing}这一路最难熬的是哪段时间？想听你讲讲。",
    ),
    ("proud", "shared_experience"): (
        "太厉害了！{thing}这件事我之前也试过，还有个小建议，要不要听听？",
        "为你高兴！我之前在{thing}上卡了很久，你是怎么突破的？",
    ),
    ("happy", "empathy"): (
        "看你说{thing}，隔着屏幕都能感到开心！是什么让今天这么好？",
        "{thing}也太让人羡慕了，能多讲讲吗？",
    ),
    ("happy", "shared_experience"): ("我之前也因为{thing}开心了一整天，你这次最开心的是哪一刻？",),
    ("happy", "question"): ("{thing}听起来好棒，能多说说细节吗？", "好奇问一句，{thing}是怎么发现的？"),
    ("angry", "empathy"): (
        "换我遇到{thing}这种事也会气得不行，先消消气，后来怎么处理的？",
        "确实离谱，{thing}这事搁谁都受不了。现在心情缓过来一点了吗？",
    ),
    ("angry", "shared_experience"): ("我之前也碰到过类似{thing}的事，当时气了好几天，后来想开了。你现在打算怎么办？",),
    ("angry", "question"): ("{thing}到底是怎么回事？说出来大家帮你评评理。",),
    ("everyday", "question"): ("关于{thing}我有点好奇，后来怎么样了？", "{thing}是怎么一回事呀？想听你多讲讲。"),
    ("everyday", "shared_experience"): (
        "我之前也遇到过和{thing}有关的事，当时想了好久。你最后是怎么想的？",
        "说到{thing}，我也有过差不多的经历，你是什么时候开始留意的？",
    ),
    ("everyday", "empathy"): (
        "你说的{thing}好有画面感，读完心情都变好了。当时是什么感觉？",
        "{thing}这段写得好真实，能多讲讲吗？",
    ),
}

# (mood, intent) -> templates without a slot, for posts that name nothing concrete.
PLAIN: dict[tuple[str, str], tuple[str, ...]] = {
    ("grief", "empathy"): ("抱抱你。这种时候不用急着好起来，想说说的时候我都在，好吗？",),
    ("grief", "shared_experience"): ("我也经历过这样的告别，那种空落落的感觉很久才慢慢淡一点。愿意聊聊吗？",),
    ("grief", "question"): ("那些一起度过的日子里，你最想记住的是哪一个瞬间？",),
    ("low", "empathy"): ("抱抱你，这段时间一定不容易。想说的时候我都在，要不要聊聊？",),
    ("low", "shared_experience"): ("我上周也这样，后来去公园走了走，突然觉得没什么过不去的。要不要聊聊？",),
    ("low", "question"): ("最近是发生什么事了吗？说出来也许会轻一点。",),
    ("proud", "celebrate"): ("太厉害了！这一步肯定付出了很多，最想先跟谁分享这个好消息？",),
    ("proud", "question"): ("好想知道你是怎么做到的，过程中哪个方法最管用？",),
    ("proud", "shared_experience"): ("为你高兴！我之前也在类似的事上卡了很久，你是怎么突破的？",),
    ("happy", "empathy"): ("隔着屏幕都能感到你的开心！是什么让今天这么好？",),
    ("happy", "shared_experience"): ("我之前也有过这样开心的一天，你最想记住的是哪一刻？",),
    ("happy", "question"): ("听起来好棒，能多说说细节吗？",),
    ("angry", "empathy"): ("换我也会气得不行，先消消气，后来怎么处理的？",),
    ("angry", "shared_experience"): ("我之前也碰到过类似的事，当时气了好几天。你现在打算怎么办？",),
    ("angry", "question"): ("到底是怎么回事？说出来大家帮你评评理。",),
    ("everyday", "question"): ("后来怎么样了？想听你多讲讲。",),
    ("everyday", "shared_experience"): ("我也有过差不多的时候，你当时是怎么想的？",),
    ("everyday", "empathy"): ("这段话好有画面感，当时是什么感觉？",),
}

# (scene, tone) -> {intent: template naming {x}}; tone "low" for grief/low/angry, "up" otherwise.
SCENE: dict[tuple[str, str], dict[str, str]] = {
    ("travel", "up"): {
        "empathy": "{x}也太美了吧！光看文字都想立刻出发，这趟最难忘的是哪一刻？",
        "shared_experience": "我也一直想去{x}，攻略收藏了一堆还没出发，你这次路线是怎么安排的？",
        "question": "{x}有没有什么只有当地人才知道的好去处？求推荐！",
    },
    ("travel", "low"): {
        "empathy": "出门在外遇到这种事真的好难受，抱抱你。现在在{x}安顿好了吗？",
        "shared_experience": "我之前旅行也遇到过糟心事，后来反而成了最难忘的回忆。你在{x}还好吗？",
        "question": "在{x}还有什么需要帮忙的吗？说出来大家帮你想办法。",
    },
    ("study", "up"): {
        "empathy": "{x}这一路真的不容易，为你骄傲！接下来有什么打算？",
        "shared_experience": "我当年准备{x}的时候也是这样一点点熬过来的，你觉得最有用的资料是哪本？",
        "question": "{x}你是怎么安排复习节奏的？想跟你取取经。",
    },
    ("study", "low"): {
        "empathy": "{x}的压力真的很大，抱抱你。别一个人扛着，要不要聊聊？",
        "shared_experience": "我准备{x}的时候也焦虑到睡不着，后来每天只定一个小目标才缓过来。你现在卡在哪儿了？",
        "question": "{x}最让你担心的是哪一科？说出来大家一起想办法。",
    },
    ("campus", "up"): {
        "empathy": "{x}这种日子以后想起来一定很怀念！你们平时还有什么好玩的事？",
        "shared_experience": "看到{x}好有共鸣，我上学那会儿也一样，你们学校有什么只有本校人才懂的梗？",
        "question": "{x}后来怎么样了？想听后续！",
    },
    ("campus", "low"): {
        "empathy": "{x}的事听着就累，抱抱你。身边有能说说话的同学吗？",
        "shared_experience": "我上学时也因为{x}难受过一阵，后来换个角度想就好多了。要不要聊聊？",
        "question": "{x}的事现在怎么样了？需要的话大家帮你出出主意。",
    },
    ("work", "up"): {
        "empathy": "{x}这件事办得漂亮！背后肯定下了不少功夫吧？",
        "shared_experience": "我之前{x}的时候也遇到过类似的情况，你是怎么搞定的？",
        "question": "好奇{x}具体是怎么推进的？想学习一下。",
    },
    ("work", "low"): {
        "empathy": "{x}真的太耗人了，辛苦了，今天早点休息好吗？",
        "shared_experience": "我之前也被{x}折腾得很累，后来学会给自己留一点下班后的时间。你最近能喘口气吗？",
        "question": "{x}最难的是哪一部分？说出来也许能想到办法。",
    },
    ("pets", "up"): {
        "empathy": "{x}也太可爱了吧！它平时最爱干什么？",
        "shared_experience": "我也超喜欢{x}，每次看到都忍不住想摸一摸。它叫什么名字呀？",
        "question": "{x}最近有没有干什么离谱的事？求更多照片！",
    },
    ("pets", "low"): {
        "empathy": "抱抱你，{x}一定也知道你有多爱它。现在感觉好一点了吗？",
        "shared_experience": "我家毛孩子生病那阵我也整夜睡不着，特别懂你现在的心情。{x}现在怎么样了？",
        "question": "{x}现在情况怎么样？有需要帮忙打听医院或者办法的吗？",
    },
    ("food", "up"): {
        "empathy": "{x}看着就好香！这家在哪儿？",
        "shared_experience": "我也超爱{x}，每次都能吃到撑。你最推荐哪种口味？",
        "question": "{x}是自己做的吗？求做法！",
    },
    ("food", "low"): {
        "empathy": "不开心的时候吃点{x}也好，抱抱你。今天还好吗？",
        "shared_experience": "我难过的时候也会去吃{x}，吃完感觉好一点点。要不要聊聊发生了什么？",
        "question": "吃完{x}有没有好受一点？想说的话我都在听。",
    },
    ("parenting", "up"): {
        "empathy": "{x}的瞬间也太暖了！小朋友最近还有什么好玩的事？",
        "shared_experience": "我家也经历过{x}这个阶段，每天都有新惊喜。你们是怎么记录下来的？",
        "question": "{x}这件事你们是怎么引导的？想学习一下。",
    },
    ("parenting", "low"): {
        "empathy": "带娃真的太辛苦了，{x}的事你已经做得很好了，抱抱你。今天能歇会儿吗？",
        "shared_experience": "我之前也为{x}的事焦虑了好久，后来发现每个孩子节奏都不一样。你最担心的是哪一点？",
        "question": "{x}的情况现在怎么样了？需要的话大家一起出主意。",
    },
    ("fandom", "up"): {
        "empathy": "{x}这次真的太好了！你最喜欢哪个瞬间？",
        "shared_experience": "我也是因为{x}入坑的，现在还时不时回去看。你是什么时候开始喜欢的？",
        "question": "{x}有没有推荐的入坑作品？求安利！",
    },
    ("fandom", "low"): {
        "empathy": "喜欢{x}这么久，这种时候一定很难受，抱抱你。想聊聊吗？",
        "shared_experience": "我追星也经历过这样的低谷，后来发现陪伴本身就很珍贵。你现在怎么想的？",
        "question": "{x}的事你现在是怎么看的？想听听你的想法。",
    },
    ("games", "up"): {
        "empathy": "{x}这局也太秀了吧！你主玩什么位置？",
        "shared_experience": "我也在玩{x}，改天一起开黑？你现在什么段位？",
        "question": "{x}这个操作是怎么练出来的？求教学！",
    },
    ("games", "low"): {
        "empathy": "{x}连跪真的很上头，先歇会儿，喝口水好吗？",
        "shared_experience": "我玩{x}也连跪过一晚上，后来隔天再打反而顺了。要不要改天一起双排？",
        "question": "{x}是卡在哪儿了？说说看，大家帮你分析分析。",
    },
    ("photography", "up"): {
        "empathy": "这张{x}的光线好绝！是什么时候拍的？",
        "shared_experience": "我也很喜欢拍{x}，但总拍不出这种感觉，你用的是什么参数？",
        "question": "这张{x}背后有什么故事吗？想听你讲讲。",
    },
    ("photography", "low"): {
        "empathy": "{x}里好像藏着你的心情，抱抱你。拍它的时候在想什么？",
        "shared_experience": "我心情不好的时候也会出门拍{x}，拍着拍着就静下来了。要不要聊聊？",
        "question": "拍这张{x}的时候发生了什么吗？想说的话我都在听。",
    },
    ("journaling", "up"): {
        "empathy": "你的{x}好有温度，读着读着就笑了。今天最想记住的是哪件小事？",
        "shared_experience": "我也在坚持写{x}，有时候翻回去看特别治愈。你坚持多久了？",
        "question": "你的{x}一般什么时候写？有什么小习惯吗？",
    },
    ("journaling", "low"): {
        "empathy": "谢谢你愿意把这些写进{x}里，抱抱你。写完有没有好受一点？",
        "shared_experience": "我低落的时候也靠写{x}撑过来，写着写着就理清楚了。要不要聊聊？",
        "question": "{x}里没写出来的那些，想跟我说说吗？",
    },
    ("sports", "up"): {
        "empathy": "{x}坚持下来太厉害了！你是怎么保持动力的？",
        "shared_experience": "我也在练{x}，总是三天打鱼两天晒网，你有什么坚持的诀窍？",
        "question": "{x}你一般一周练几次？想跟你一起打卡！",
    },
    ("sports", "low"): {
        "empathy": "{x}受挫真的会很沮丧，先好好休息，身体还好吗？",
        "shared_experience": "我练{x}也有过怎么都提不上去的时候，后来休息一周反而突破了。你现在是哪儿不顺？",
        "question": "{x}是哪里出了状况？说说看大家帮你想想。",
    },
    ("love", "up"): {
        "empathy": "{x}也太甜了吧！你们是怎么认识的？",
        "shared_experience": "看到{x}好羡慕，我也有过这样心动的时刻。你们最难忘的一次约会是什么样的？",
        "question": "{x}后来怎么样了？想听后续！",
    },
    ("love", "low"): {
        "empathy": "{x}的事一定很伤心吧，抱抱你。你值得被好好对待，想聊聊吗？",
        "shared_experience": "我也经历过{x}这种事，那阵子很难熬，后来慢慢就好了。你现在身边有人陪吗？",
        "question": "{x}之后这几天你是怎么过的？想说的话我都在。",
    },
    ("health", "up"): {
        "empathy": "{x}能坚持下来真不容易！现在感觉身体怎么样？",
        "shared_experience": "我最近也在注意{x}，你有什么好用的小办法吗？",
        "question": "{x}你是怎么安排的？想跟你学学。",
    },
    ("health", "low"): {
        "empathy": "{x}真的太难受了，好好休息，多喝热水。现在好点了吗？",
        "shared_experience": "我之前{x}也难受了好几天，后来早睡了一阵才缓过来。你有人照顾吗？",
        "question": "{x}看过医生了吗？有什么需要帮忙的尽管说。",
    },
    ("family", "up"): {
        "empathy": "{x}的画面好温馨！你们家还有什么好玩的传统？",
        "shared_experience": "看到{x}我也好想家了，我们家也是这样。你们今年怎么过的？",
        "question": "{x}的时候发生了什么有趣的事？想听你讲讲。",
    },
    ("family", "low"): {
        "empathy": "和{x}有关的事最容易让人难受，抱抱你。想聊聊吗？",
        "shared_experience": "我和{x}之间也有过很难说开的时候，后来慢慢好了。你现在怎么样？",
        "question": "{x}的事现在怎么样了？说出来也许会轻一点。",
    },
    ("achievement", "up"): {
        "empathy": "{x}真的太不容易了，为你骄傲！最想先跟谁分享？",
        "shared_experience": "我之前也朝{x}努力过，知道有多难。你是怎么坚持下来的？",
        "question": "{x}之后，下一个目标是什么？",
    },
    ("daily_life", "up"): {
        "empathy": "{x}好有生活气息，看完心情都变好了。今天还有什么小确幸吗？",
        "shared_experience": "我也喜欢{x}，总觉得这种小事最治愈。你一般什么时候会这样？",
        "question": "{x}之后还做了什么？想听你多讲讲。",
    },
    ("daily_life", "low"): {
        "empathy": "{x}的日子也会累，抱抱你。今天先好好歇会儿好吗？",
        "shared_experience": "我最近也常这样，{x}的时候突然就很低落。要不要聊聊？",
        "question": "最近是{x}让你不太开心吗？想说的话我都在听。",
    },
}

# (connection kind, tone) -> template with {value} (what the histories share) and {mine} (the reader's words).
PERSONAL: dict[tuple[str, str], str] = {
    ("place", "up"): "看到{value}好亲切！我之前也去过，还发过「{mine}」，你这次最喜欢哪一处？",
    ("place", "low"): "{value}我也去过，还发过「{mine}」。不管发生了什么，想聊的时候找我好吗？",
    ("exam", "up"): "我也经历过{value}，还记得当时发的「{mine}」，你是怎么准备的？",
    ("exam", "low"): "我也经历过{value}，当时还发过「{mine}」，后来也熬过来了。要不要聊聊你现在卡在哪儿？",
    ("pet", "up"): "我家也有{value}！之前还发过「{mine}」，你家这只平时最爱干什么？",
    ("pet", "low"): "我也养过{value}，之前发过「{mine}」，特别懂你现在的心情。想说说它吗？",
    ("game", "up"): "我也在玩{value}！之前还发过「{mine}」，改天一起开黑？你现在什么段位？",
    ("game", "low"): "我玩{value}也有过这种时候，还发过「{mine}」。要不要改天一起双排换换手气？",
    ("idol", "up"): "同担！我之前也发过「{mine}」，你最喜欢{value}的哪个舞台？",
    ("idol", "low"): "我也喜欢{value}，之前还发过「{mine}」，这种时候一定很难受。想聊聊吗？",
    ("food", "up"): "我也超爱{value}，之前还发过「{mine}」，你这家在哪儿？",
    ("food", "low"): "我难过时也会去吃{value}，之前还发过「{mine}」。今天还好吗？",
    ("topic", "up"): "你说的{value}让我想起我之前发的「{mine}」，感觉我们想到一块去了，想听听你的故事？",
    ("topic", "low"): "我之前也发过「{mine}」，那时候也是因为{value}，特别懂你现在的感受。要不要聊聊？",
}

# Shown when nothing else passes the checks: plain hooks per tone ("low" for grief/low/angry).
LAST_RESORT: dict[str, dict[str, str]] = {
    "low": {
        "empathy": "看到你写的这些，有点心疼。想说的时候我都在，最近还好吗？",
        "shared_experience": "我也有过很难熬的时候，特别想听你说说，要不要聊聊？",
        "question": "想说的时候我都在，愿意多讲讲吗？",
        "celebrate": "想说的时候我都在，愿意多讲讲吗？",
    },
    "up": {
        "empathy": "看到你写的这些，想多听你说说，后来怎么样了？",
        "shared_experience": "我也有过差不多的时候，想听听你是怎么想的？",
        "question": "能多讲讲吗？想听后续。",
        "celebrate": "为你高兴！是怎么做到的？",
    },
}


def all_templates() -> tuple[str, ...]:
    """Every line a candidate can be filled from (not LAST_RESORT, which is shown unranked), once each."""
    lines = [t for group in (*GENERIC.values(), *PLAIN.values()) for t in group]
    lines += [t for by_intent in SCENE.values() for t in by_intent.values()] + list(PERSONAL.values())
    return tuple(dict.fromkeys(lines))
