"""The fan club: an invented idol (许栀言 is fiction, not a real person) and the fans' posts."""

from __future__ import annotations

from datetime import date

from nook.demo.model import DemoIdol, DemoWork
from nook.demo.themes import Theme

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

FANDOM = Theme(
    name="fandom",
    mood="happy",
    openers=("{fan}们集合!", "今天也是喜欢{idol}的一天。", "磕到了,", "追星日记,"),
    bodies=(
        "《{work}》循环了一整天,副歌那句一出来就起鸡皮疙瘩。",
        "演唱会抢票成功!内场第七排,{colour}灯牌已经在路上了。",
        "翻到{idol}出道那年的采访,说想做一个让人安心的歌手,五年了一直没变。",
        "应援站的周边到了,{colour}的手幅比想象中还好看。",
        "新专辑的签售排了三个小时,他说“路上注意安全”,我能记一辈子。",
        "{idol}今天的直播唱了《{work}》的清唱版,评论区全在哭。",
        "做了一本关于{idol}的手账,从出道到现在的每一个作品都贴进去了。",
    ),
    closers=("一起去看更大的舞台吧。", "栀子花开,一直都在。", "有同城的{fan}一起去吗?", "[爱心][爱心]", ""),
    tags=("{idol}", "{work}", "应援", "{fan}"),
    comments=(
        "副歌那句真的绝了",
        "第七排!羡慕到哭",
        "五年了一直没变,这就是我喜欢他的原因",
        "手幅能借我拍个照吗",
        "清唱版我也哭了",
        "这本手账可以出书了",
    ),
    questions=("灯牌在哪买的?", "几号场呀?", "有同城一起去的吗?"),
    answers=("应援站统一订的", "第二场!", "我在{city},可以一起", "私信拉你进群"),
    images=("stage",),
    image_odds=0.6,
    circles=("fanclub",),
    audience=("追星",),
    weight=2.2,
    talk=1.2,
)

#: posted on the idol's birthday when it falls inside the plan's window
FANDOM_BIRTHDAY = Theme(
    name="fandom_birthday",
    mood="happy",
    openers=("零点打卡!", "{fan}们,今天是个特别的日子。", "5.17,"),
    bodies=(
        "{idol}生日快乐!从《{work}》走到今天,谢谢你一直唱下去。",
        "祝我们的{idol}生日快乐,愿你的每一首歌都被好好听见。",
        "给{idol}订的生日蛋糕是{colour}的,上面写着“晚风会记得”。",
        "今年的生日应援是在地铁站的灯箱,路过的人都停下来拍照。",
    ),
    closers=("我们一直都在。", "{idol}生日快乐[蛋糕]", "明年也要一起过。", ""),
    tags=("{idol}生日快乐", "应援", "{fan}"),
    comments=(
        "生日快乐!!!",
        "灯箱好美,我下班路过去看",
        "晚风会记得,好会写",
        "一起过的第五个生日了",
        "蛋糕颜色好正",
        "祝他岁岁平安",
    ),
    questions=("灯箱在哪个地铁站?", "蛋糕在哪家订的?"),
    answers=("二号线换乘站", "同城一家工作室,私你", "谢谢大家一起"),
    images=("cake", "stage"),
    image_odds=0.8,
    circles=("fanclub",),
    audience=("追星",),
    weight=0.0,  # never drawn at random: the plan places these on the birthday itself
    talk=1.5,
)

THEMES: tuple[Theme, ...] = (FANDOM,)
