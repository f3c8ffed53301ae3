"""How heavy a post's trouble is: a minor gripe (a late parcel, a rainy day, a slow queue) or real
distress (crying, no sleep for days, can't go on), read from the post's own words.

A minor complaint deserves a light, friendly line, not crisis-style comfort ("你不是一个人在扛" under a
late parcel read as therapy to blind raters, round 5); that comfort (`heavy_line`) is kept for posts
whose words tell of real distress, or an event that is one (a failed exam, a layoff: see pipeline).
"""

from __future__ import annotations

import re

__all__ = ["DISTRESS", "MINOR", "heavy_line", "weight"]

MINOR = "minor"
DISTRESS = "distress"
# Everyday nuisances: what a minor gripe is about.
_NUISANCE = re.compile(
    r"快递|包裹|外卖|排队|排了|堵车|堵死|塞车|公交|地铁|电梯|下雨|雨天|淋湿|淋成|鞋子?(?:全)?湿|网速|网又|断网|掉线|"
    r"卡死|卡成|好卡|太卡|没电|停电|停水|闹钟|迟到|晚点|延误|没赶上|错过了?(?:车|公交|地铁|班车)|送错|打翻|洒了|"
    r"蚊子|装修|楼上|邻居|噪音|吵死|充电|死机|插队|红灯|打不到车|拖堂|点名|奶茶|取款机|没号|客服|物业|修电脑|"
    r"风好大|好晒|太晒|起晚|睡过头"
)
# Words of real distress (or of a life event that is one): heavy comfort may meet these.
_DISTRESS = re.compile(
    r"崩溃|绝望|撑不|扛不|熬不|受够|好难|太难了|哭|泪|难过|伤心|心累|心碎|痛苦|抑郁|焦虑|压力|失眠|睡不着|孤独|孤单|"
    r"寂寞|无助|委屈|自卑|迷茫|害怕|好怕|心慌|没意思|活着|分手|失恋|离婚|住院|手术|医院|去世|生病|病了|发烧|骨折|"
    r"没考好|挂科|落榜|被裁|裁员|失业|辞退|欠债|好几天|这么久|好久|一整年|几个月|这段时间|每天都|天天都|一直都|"
    r"空虚|空落落|失落|心里空|想家|好想你|思念|想念|一个人|好累|太累|累死|身心俱疲|"
    r"不在了|走了|离开了|再也|最后一面|回不去|没了|舍不得|怀念"  # a loss the crisis list missed
)
# Crisis-style comfort: company offered, burdens carried, "it will pass" — too much for a late parcel.
_HEAVY = re.compile(
    r"不是一个人|一个人扛|别一个人|扛|陪着你|我陪你聊|我一直在|我都在|我在呢|我在听|我听着|有我在|想说就说|想说说|"
    r"说出来|随时找我|就来找我|可以找我|就找我|难熬|好沉|这么沉|心里一紧|心疼|撑住|硬撑|急着好起来|慢慢会好|"
    r"会慢慢好起来|会过去的|总会过去|照顾好自己|别逼自己|勉强自己|较劲|喘口气|别怕|不坚强|今晚过去"
)


def weight(post: str) -> str:
    """`DISTRESS` when the post's words tell of real distress, `MINOR` when they tell only of an
    everyday nuisance, else "" (nothing to go on)."""
    if _DISTRESS.search(post):
        return DISTRESS
    return MINOR if _NUISANCE.search(post) else ""


def heavy_line(line: str) -> bool:
    """The line offers crisis-style comfort (company, carrying a burden, "it will pass")."""
    return _HEAVY.search(line) is not None
