"""The fan club: an invented idol (许栀言 is fiction, not a real person) and the fans' posts."""

from __future__ import annotations

from datetime import date

from nook.demo.model import DemoIdol, DemoWork
from nook.demo.topics import Prompt, Topic

IDOL = DemoIdol(
    name="许栀言",
    birthday=date(1999, 5, 17),
    debut=date(2019, 5, 20),
    fan_name="栀子",
    colour="薄荷绿",
    works=(
        DemoWork("晚风信箱", "单曲", date(2019, 5, 20)),
        DemoWork("十七号站台", "专辑", date(2020, 11, 3)),
        DemoWork("夏日未完", "电视剧", date(2022, 7, 15)),
        DemoWork("灯塔与鲸", "单曲", date(2023, 3, 8)),
        DemoWork("栀夏", "巡回演唱会", date(2023, 8, 12)),
        DemoWork("雾中来信", "专辑", date(2024, 4, 20)),
    ),
    keywords=("栀子", "晚风", "薄荷绿", "十七号站台", "灯塔"),
)

FANDOM = Topic(
    name="fandom",
    mood="happy",
    openers=("{fan}们集合!", "今天也是喜欢{idol}的一天。", "磕到了,", "追星日记,"),
    bodies=(
        Prompt("《{work}》循环了一整天,副歌那句一出来就起鸡皮疙瘩。", ("副歌那句真的绝了", "这首我也单曲循环")),
        Prompt(
            "演唱会抢票成功!内场第七排,{colour}灯牌已经在路上了。",
            ("第七排!羡慕到哭",),
            ("几号场呀?", "有同城一起去的吗?"),
            ("第二场!", "我在{city},可以一起"),
        ),
        Prompt(
            "翻到{idol}出道那年的采访,说想做一个让人安心的歌手,五年了一直没变。",
            ("五年了一直没变,这就是我喜欢他的原因", "让人安心,他做到了"),
        ),
        Prompt(
            "应援站的周边到了,{colour}的手幅比想象中还好看。",
            ("手幅能借我拍个照吗",),
            ("手幅在哪买的?",),
            ("应援站统一订的",),
        ),
        Prompt("新专辑的签售排了三个小时,他说“路上注意安全”,我能记一辈子。", ("路上注意安全,好温柔", "三个小时值了")),
        Prompt("{idol}今天的直播唱了《{work}》的清唱版,评论区全在哭。", ("清唱版我也哭了", "有录屏吗求分享")),
        Prompt("做了一本关于{idol}的手账,从出道到现在的每一个作品都贴进去了。", ("这本手账可以出书了", "太用心了")),
    ),
    closers=("一起去看更大的舞台吧。", "栀子花开,一直都在。", "有同城的{fan}一起去吗?", "[爱心][爱心]", ""),
    tags=("{idol}", "{work}", "应援", "{fan}"),
    comments=("栀子花开,一直都在", "一起走下去"),
    questions=("入坑多久啦?",),
    answers=("从《晚风信箱》开始,五年了",),
    images=("stage",),
    image_odds=0.6,
    circles=("fanclub",),
    audience=("追星",),
    weight=2.2,
    talk=1.2,
)

#: posted on the idol's birthday when it falls inside the plan's window
FANDOM_BIRTHDAY = Topic(
    name="fandom_birthday",
    mood="happy",
    openers=("零点打卡!", "{fan}们,今天是个特别的日子。", "5.17,"),
    bodies=(
        "{idol}生日快乐!从《{work}》走到今天,谢谢你一直唱下去。",
        "祝我们的{idol}生日快乐,愿你的每一首歌都被好好听见。",
        Prompt(
            "给{idol}订的生日蛋糕是{colour}的,上面写着“晚风会记得”。",
            ("晚风会记得,好会写", "蛋糕颜色好正"),
            ("蛋糕在哪家订的?",),
            ("同城一家工作室,私你",),
        ),
        Prompt(
            "今年的生日应援是在地铁站的灯箱,路过的人都停下来拍照。",
            ("灯箱好美,我下班路过去看",),
            ("灯箱在哪个地铁站?",),
            ("二号线换乘站",),
        ),
    ),
    closers=("我们一直都在。", "{idol}生日快乐[蛋糕]", "明年也要一起过。", ""),
    tags=("{idol}生日快乐", "应援", "{fan}"),
    comments=("生日快乐!!!", "一起过的第五个生日了", "祝他岁岁平安"),
    questions=("今年有线下活动吗?",),
    answers=("有,周末在{city}有应援会",),
    images=("cake", "stage"),
    image_odds=0.8,
    circles=("fanclub",),
    audience=("追星",),
    weight=0.0,  # never drawn at random: the plan places these on the birthday itself
    talk=1.5,
)

TOPICS: tuple[Topic, ...] = (FANDOM,)
