"""Name material for demo users: surnames and given names with their pinyin, nickname styles, bios."""

from __future__ import annotations

SURNAMES: tuple[tuple[str, str], ...] = (
    ("林", "lin"), ("陈", "chen"), ("王", "wang"), ("李", "li"), ("张", "zhang"), ("刘", "liu"),
    ("杨", "yang"), ("黄", "huang"), ("赵", "zhao"), ("周", "zhou"), ("吴", "wu"), ("徐", "xu"),
    ("孙", "sun"), ("胡", "hu"), ("朱", "zhu"), ("高", "gao"), ("何", "he"), ("郭", "guo"),
    ("马", "ma"), ("罗", "luo"), ("梁", "liang"), ("宋", "song"), ("郑", "zheng"), ("谢", "xie"),
    ("韩", "han"), ("唐", "tang"), ("冯", "feng"), ("许", "xu"), ("邓", "deng"), ("曹", "cao"),
    ("彭", "peng"), ("曾", "zeng"), ("苏", "su"), ("叶", "ye"), ("程", "cheng"), ("沈", "shen"),
    ("蒋", "jiang"), ("夏", "xia"), ("田", "tian"), ("姜", "jiang"), ("方", "fang"), ("陆", "lu"),
)  # fmt: skip

GIVEN_NAMES: tuple[tuple[str, str], ...] = (
    ("小雨", "xiaoyu"), ("子涵", "zihan"), ("思远", "siyuan"), ("雨桐", "yutong"), ("浩然", "haoran"),
    ("嘉怡", "jiayi"), ("一鸣", "yiming"), ("梓萱", "zixuan"), ("宇航", "yuhang"), ("诗琪", "shiqi"),
    ("俊杰", "junjie"), ("欣怡", "xinyi"), ("晨曦", "chenxi"), ("子墨", "zimo"), ("若溪", "ruoxi"),
    ("明轩", "mingxuan"), ("语嫣", "yuyan"), ("天佑", "tianyou"), ("可欣", "kexin"), ("泽宇", "zeyu"),
    ("佳琪", "jiaqi"), ("博文", "bowen"), ("书瑶", "shuyao"), ("思琪", "siqi"), ("皓轩", "haoxuan"),
    ("安然", "anran"), ("沐阳", "muyang"), ("雨萱", "yuxuan"), ("亦凡", "yifan"), ("星辰", "xingchen"),
    ("晓峰", "xiaofeng"), ("静怡", "jingyi"), ("文博", "wenbo"), ("乐乐", "lele"), ("一诺", "yinuo"),
    ("嘉豪", "jiahao"), ("婉清", "wanqing"), ("志远", "zhiyuan"), ("梦瑶", "mengyao"), ("子豪", "zihao"),
    ("清扬", "qingyang"), ("晓薇", "xiaowei"), ("建国", "jianguo"), ("丽娜", "lina"), ("海洋", "haiyang"),
    ("芳芳", "fangfang"), ("立伟", "liwei"), ("婷婷", "tingting"), ("慧敏", "huimin"), ("鹏飞", "pengfei"),
    ("小满", "xiaoman"), ("知夏", "zhixia"), ("南乔", "nanqiao"), ("听雪", "tingxue"), ("以宁", "yining"),
    ("初一", "chuyi"), ("远舟", "yuanzhou"), ("望舒", "wangshu"), ("念安", "nianan"), ("北辰", "beichen"),
)  # fmt: skip

#: nickname patterns; {s} surname, {g} given name, {g1} its last character
NICKNAME_STYLES: tuple[str, ...] = (
    "{s}{g}", "{s}{g}", "{s}{g}", "{s}{g}", "{g1}{g1}", "阿{g1}", "{s}同学", "小{s}不熬夜",
    "不吃香菜的{g}", "{g}今天早睡了吗", "晚风与{g1}", "一只{g1}{g1}", "{g}的小角落", "{s}{g1}在摸鱼",
    "{g1}{g1}要努力", "今天也是{g}", "{g}同学在路上", "{s}大{g1}", "{g1}{g1}酱", "想去看海的{g}",
)  # fmt: skip

#: like-ring accounts look bulk-registered: bland nickname plus digits
RING_NICKNAMES: tuple[str, ...] = (
    "快乐每一天", "好运来", "开心就好", "天天向上", "平安喜乐", "岁月静好", "随遇而安", "心想事成",
)  # fmt: skip

BIOS_BY_INTEREST: dict[str, tuple[str, ...]] = {
    "摄影": ("拍一点天空,存一点温柔。", "35mm 定焦,走到哪拍到哪。", "相机比我会记事。"),
    "手账": ("手账是写给未来自己的信。", "胶带囤积症晚期。", "每天一页,慢慢来。"),
    "电竞": ("上分中,勿扰。", "五排缺一,私信。", "输了不骂队友是我最后的温柔。"),
    "育儿": ("一个娃,一只猫,一个不太会做饭的我。", "记录小朋友长大的每一天。", "当妈第三年,仍在学习。"),
    "追星": ("栀子花开,一直都在。", "为一个人,喜欢一座城。", "应援色是薄荷绿。"),
    "旅行": ("下一站去看星星。", "地图上的点亮计划进行中。", "在路上,也在生活里。"),
    "考研": ("上岸之前,不谈风月。", "图书馆三楼靠窗那个位置是我的。", "慢一点也没关系,别停就行。"),
    "猫": ("家有一只橘猫,体重保密。", "铲屎官日常。", "猫比我更像主人。"),
    "美食": ("人间值得,因为有火锅。", "吃遍半个城的胃。", "减肥明天再说。"),
}

GENERIC_BIOS: tuple[str, ...] = (
    "保持热爱,奔赴山海。", "普通人,普通地快乐着。", "别来无恙。", "慢慢变好。", "日常碎碎念。",
    "今天也要好好吃饭。", "愿所有的等待都有回音。", "认真生活,偶尔发疯。", "",
)  # fmt: skip
