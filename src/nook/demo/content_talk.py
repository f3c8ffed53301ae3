"""Talk around posts and profiles: warm words by mood, filler, replies, and 留言板 messages."""

from __future__ import annotations

#: warm comments that fit the post's mood
WARM: dict[str, tuple[str, ...]] = {
    "sad": ("抱抱", "难过的时候记得还有我们", "先好好睡一觉,明天我陪你", "别一个人扛着"),
    "anxious": ("你可以的!", "稳住,你比你想的更厉害", "紧张说明你在乎,已经赢一半了", "考完请你吃饭"),
    "lost": ("慢慢来", "每个人都有这样的阶段", "你不是一个人在迷茫", "想聊随时找我"),
    "tired": ("辛苦了", "早点休息", "抱抱打工人", "今天也很棒了"),
    "proud": ("恭喜恭喜!", "太强了", "实至名归", "为你骄傲!"),
    "happy": ("好幸福", "好羡慕", "看着就开心", "爱了爱了"),
    "hook": ("好有意思", "这个问题我要想一想", "坐等答案", "蹲后续"),
    "neutral": ("哈哈好真实", "有同感", "加油加油", "太懂了"),
}

#: low-value comments the barrier should fold
FILLER: tuple[str, ...] = (
    "沙发", "顶", "+1", "[赞][赞]", "路过", "前排", "哈哈哈哈", "好看", "来了来了", "第一!", "mark", "赞",
    "[赞]", "顶顶顶", "6666",
)  # fmt: skip

#: the post author answering a kind word or a specific remark, by mood
THANKS: dict[str, tuple[str, ...]] = {
    "sad": ("谢谢你,真的好多了", "有你在真好", "嗯,会好起来的", "谢谢抱抱"),
    "anxious": ("借你吉言!", "谢谢,我再冲一下", "被你说得没那么慌了", "考完找你"),
    "lost": ("谢谢,我再想想", "你说得对", "改天请你喝咖啡聊聊", "被安慰到了"),
    "tired": ("嗯嗯马上睡", "谢谢,你也早点休息", "哈哈还好有你们", "明天会好的"),
    "proud": ("谢谢谢谢!", "请客请客,周末约", "哈哈谢谢一路陪着", "你也可以的!"),
    "happy": ("哈哈下次一起", "是吧是吧", "谢谢喜欢", "好的安排上"),
    "hook": ("哈哈等我揭晓", "你也来说一个", "谢谢捧场", "这个回答我喜欢"),
    "neutral": ("哈哈是的", "谢谢", "是吧", "哈哈哈"),
}

#: the commenter answering the author's reply
FOLLOW_UPS: tuple[str, ...] = ("哈哈好", "一言为定", "好嘞", "等你消息", "懂了懂了", "收到~", "那说好了", "哈哈哈哈")

#: someone other than the author joining a thread
CHIME_IN: tuple[str, ...] = ("同意楼上", "哈哈哈你也在", "楼上说得好", "你们都好会说", "我站你这边")
SAME_QUESTION: tuple[str, ...] = ("我也想知道", "+1 同问", "蹲一个答案")

BOARD_MESSAGES: tuple[str, ...] = (
    "踩踩空间~", "好久不见,最近怎么样?", "路过留个脚印", "你的动态是我每天的快乐源泉",
    "什么时候回{city}?请你吃饭", "上次说的那本书我看完了,真好看", "周末有空吗,一起去拍照",
    "留言板好冷清,我来暖一下", "想你啦,有空视频", "你发的那张晚霞我设成壁纸了",
    "还记得高中那年我们一起逃的那节体育课吗", "五一去哪玩了?", "替{pet}问好",
)  # fmt: skip

BIRTHDAY_MESSAGES: tuple[str, ...] = (
    "生日快乐!又长大一岁啦", "生日快乐,新的一岁平安喜乐", "寿星今天要开心!礼物在路上了",
    "生日快乐!愿你的愿望都实现", "祝你生日快乐,永远十八岁",
)  # fmt: skip

BOARD_REPLIES: tuple[str, ...] = (
    "哈哈谢谢来踩", "好呀,约起来", "最近还行,你呢?", "想你!", "收到,下周回", "谢谢谢谢!",
    "当然记得,被抓了哈哈", "好的好的", "爱你",
)  # fmt: skip

BIRTHDAY_REPLIES: tuple[str, ...] = ("谢谢!好开心", "收到祝福啦,爱你们", "谢谢记得我生日", "蛋糕分你一半")

WELCOME_POST = (
    "欢迎来到心角。这里不比谁的赞多,只想让每一句留言都被认真读到。"
    "说说你今天的小事吧,#新人报到# 的朋友记得先去逛逛兴趣圈。"
)
