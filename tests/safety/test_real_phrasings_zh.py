"""Chinese phrasings of the kinds real people write (round 8 of `patterns_zh`).

Every sentence here was written for this file; none is taken from an evaluation set.
Positives must reach the safe path (moderate or above); negatives must stay below it.
"""

from __future__ import annotations

import pytest

from crisp.safety import RiskLevel, assess

MODERATE = RiskLevel.MODERATE


@pytest.mark.parametrize(
    "text",
    [
        # "特别" ends with 别 but is not a negation
        "我现在特别想去死",
        "站在窗台边上，特别想跳下去",
        # weighing methods, or what one would feel like
        "吃安眠药还是跳江，我一直在想",
        "烧炭会不会很难受啊",
        "上吊死的话应该很痛苦吧",
        # a place fitting for it
        "我觉得这间屋子挺适合烧炭的",
        "每次路过那座桥都在想适不适合死在这里",
        # urge or fantasy of a method
        "一开窗就有跳下去的冲动",
        "最近老是幻想自己从楼顶跳下",
        # resigned resolve
        "这次再失败我就该去跳河了",
        "实在撑不住了，干脆跳下去",
        "找个日子就自杀算了",
        "要不去跳西湖吧",
        "我想试试烧炭",
        # suicide pacts
        "有没有人约死",
        "有人想一起烧炭吗",
        "我们一起去死吧",
        # aborted or failed attempt
        "上周没死成，被人拉了回来",
        "昨晚差点就跳楼了",
        # meeting after death
        "我们另一个世界见",
        # new wish words
        "我一直渴望死亡",
        "只想安安静静、没人知道地死去",
        "想要安静地在睡梦里死去",
        "老天给我一场车祸吧",
        "运气好的话出门就能意外死亡",
        "想离开这个冰冷的世界",
        "只想离开这人世间",
        # no courage or need to live
        "我真的没勇气活下去了",
        "觉得没必要活了",
        # a pill count or drug with alcohol asked about as lethal
        "吃了二十片会不会死",
        "头孢配酒能走得快一点吗",
        # stabbing oneself, letting blood
        "控制不住想拿刀捅自己",
        "我好想放血",
        # a comparison with the past is the present; 回不到之前 is not a past marker
        "没有以前那么有干劲了，最近常有自杀的念头",
        "自杀未遂以后什么都回不到之前了",
        # 总想 marks it as recurring even with an old cause named
        "大学时候留下的阴影，现在总想自杀",
        # the relative is the one made angry
        "我让妈妈失望了，想自杀",
    ],
)
def test_real_phrasings_reach_safe_path(text: str) -> None:
    result = assess(text)
    assert result.level >= MODERATE, (text, result.reasons)


@pytest.mark.parametrize(
    "text",
    [
        # 特别 / 分别 still not a negator problem the other way: plain distress stays low
        "最近特别累，什么都不想做",
        "我们分别的时候哭了",
        # methods in news or about someone else
        "新闻里说有人跳河了，好可怕",
        "他说上吊很痛苦，我听了很难过",
        # places fitting for ordinary things
        "这间屋子挺适合烧烤的",
        "这个湖适合游泳吗",
        # pacts that are not about dying
        "有没有人约饭",
        "有没有人一起去爬山",
        "我们一起去吃火锅吧",
        # luck and accidents
        "运气好的话能抽到大奖",
        "还好没死成，那辆车擦着我过去的",
        # leaving places, not the world
        "想离开这个城市去别的地方工作",
        # courage for other things
        "我没勇气跟他表白",
        # pills asked about as dosage
        "这个药一天吃两片可以吗",
        # fear of death is not a wish
        "我总是想到死亡，非常害怕",
        # someone trying to use you
        "有人加我微信，其实是在打我主意",
        # past, described as over
        "我以前有过自杀的念头，但是现在已经好多了",
        # blood letting as a therapy, a sale
        "中医说可以放血疗法试试",
        "双十一商家大放血",
        # bungee, diving
        "第一次蹦极，站在台上不敢跳下去",
    ],
)
def test_ordinary_phrasings_stay_below_safe_path(text: str) -> None:
    result = assess(text)
    assert result.level < MODERATE, (text, result.reasons)


@pytest.mark.parametrize(
    "text",
    [
        "好想去跳崖",
        "家里连个方便我上吊的地方都没有",
        "有一起离开这个世界的吗",
        "这个世界再好我也不想待下去了",
        "我这种人死一万次都不够",
        "站在那里我可以毫不犹豫地跳下去",
        "好想下班前从办公室12楼跳下去",
        "到底是上吊还是跳呢",
        "不想选这种方式离开，可我没别的办法了",
        "只希望能客死他乡",
        "一口气吃了 15 片，会不会死",
        # one's own note with words between 写 and 遗书
        "我写了一封不知道会不会寄出的遗书",
    ],
)
def test_more_real_phrasings_reach_safe_path(text: str) -> None:
    result = assess(text)
    assert result.level >= MODERATE, (text, result.reasons)


@pytest.mark.parametrize(
    "text",
    [
        # someone else's farewell letter, seen in the news or online
        "今天看到一个陌生女孩的遗书，心里很难受",
        # 想象 / 想法 are not wishes
        "想象中的解脱并不存在，再等等好吗",
        "这种想法让我很解脱",
        # leaving a job in some way, a dosage question
        "用这种方式离开公司不太体面",
        "一天吃两片会不会太多",
        # a high floor without wanting to jump
        "我家住在12楼，风景很好",
    ],
)
def test_more_ordinary_phrasings_stay_below_safe_path(text: str) -> None:
    result = assess(text)
    assert result.level < MODERATE, (text, result.reasons)
