"""The broad net (`rules.broad_net`): lexical fields and their combinations, not fixed phrases."""

from __future__ import annotations

import pytest

from crisp.safety import assess
from crisp.safety.results import RiskLevel


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # Chinese particles and word order do not break a match.
        ("我又用刀划了手臂", RiskLevel.HIGH),
        ("我用刀又把手臂划了", RiskLevel.HIGH),
        ("手臂都被我自己划破了", RiskLevel.HIGH),
        ("我刚刚用刀割了手腕，止不住血", RiskLevel.IMMINENT),
        ("绳子和凳子我都准备好了", RiskLevel.IMMINENT),
        ("没有我的话，爸妈就不用这么辛苦了", RiskLevel.MODERATE),
        ("我宁愿死也不想再过这样的日子", RiskLevel.MODERATE),
        # English: fields, not phrases.
        ("Some days I wish I could just fade out of existence.", RiskLevel.MODERATE),
        ("I just slashed my wrist and I feel dizzy.", RiskLevel.IMMINENT),
        ("I've been saving up my sleeping pills.", RiskLevel.IMMINENT),
        ("Everyone would be happier without me around.", RiskLevel.MODERATE),
    ],
)
def test_broad_net_catches_new_wordings(text: str, level: RiskLevel) -> None:
    assert assess(text).level >= level


@pytest.mark.parametrize(
    "text",
    [
        "I cut my finger slicing onions, ouch.",
        "I bought pills for my headache this weekend.",
        "I nearly died laughing at that video.",
        "My sourdough starter died while I was on vacation.",
        "切菜的时候不小心划到手了",
        "这首歌叫《我想去死》，其实很欢快",
        "这周忙得要死",
        "我家的金鱼死了",
        "我们社会学课在讨论自杀率",
        "这件事让我尴尬到想原地消失",
    ],
)
def test_broad_net_leaves_ordinary_words_alone(text: str) -> None:
    assert assess(text).level < RiskLevel.MODERATE


def test_someone_elses_words_are_third_party() -> None:
    result = assess("My sister says she wants to fade out of existence.")
    assert result.level == RiskLevel.LOW and result.concern == "third_party"


def test_broad_net_only_adds_where_it_raises_the_level() -> None:
    reasons = assess("I want to kill myself").reasons
    assert reasons == ["active thoughts of suicide"]


# --- Chinese concept families (issue 3): fatal-event wishes, envy of the dead, final arrangements, places, relapse ---
@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("要是哪天出个车祸就好了", RiskLevel.MODERATE),
        ("我倒是希望检查结果是恶性的", RiskLevel.MODERATE),
        ("看到有人猝死，我居然有点羡慕", RiskLevel.MODERATE),
        ("爸爸走了以后，我每天都想快点去陪他", RiskLevel.MODERATE),
        ("每晚都祈祷别让我再醒来", RiskLevel.MODERATE),
        ("账号注销了，存款也都转给我妹了", RiskLevel.IMMINENT),
        ("我现在坐在江边，风好大", RiskLevel.MODERATE),
        ("昨晚又划了 胳膊上新添了三道", RiskLevel.HIGH),
        ("老公今天又动手了", RiskLevel.HIGH),
        ("想原地消失 不是开玩笑的那种", RiskLevel.MODERATE),
    ],
)
def test_broad_net_chinese_families(text: str, level: RiskLevel) -> None:
    assert assess(text, lang="zh").level >= level


@pytest.mark.parametrize(
    "text",
    [
        "紫砂锅炖的排骨真香",
        "妈妈给我做了红烧肉",
        "看到福贵那段直接哭死",
        "跑完最后三公里真的要死了",
        "检查结果不是肿瘤，松了口气",
        "周末在海边散步，好放松",
        "房东不让养猫，只能把猫送给闺蜜养了",
        "物业派了工人爬上楼顶去修",
        "好想消失一段时间，去大理住一个月",
        "跟那个渣男彻底了断了",
    ],
)
def test_broad_net_chinese_hard_negatives(text: str) -> None:
    assert assess(text, lang="zh").level < RiskLevel.MODERATE


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # English concept families (written here, not taken from any eval set).
        ("honestly i'd be relieved if the train just hit me on the way to work", RiskLevel.MODERATE),
        ("kinda hoping the flu turns into something worse and takes me out", RiskLevel.MODERATE),
        ("i envy my uncle who died. he doesn't have to deal with any of this", RiskLevel.MODERATE),
        ("all i want is to be with my dad again, wherever he is", RiskLevel.MODERATE),
        ("sitting on the ledge of the parking garage rn, it's so quiet up here", RiskLevel.IMMINENT),
        ("i'm on the roof of my apartment", RiskLevel.MODERATE),
        ("rehomed my cat and deleted all my socials. tonight's the night", RiskLevel.MODERATE),
        ("been thinking about ctb again", RiskLevel.HIGH),
        ("sh urges are really bad today", RiskLevel.HIGH),
        ("my boyfriend had his hands around my throat last night", RiskLevel.HIGH),
        ("please feed my cat, i won't be around after tonight", RiskLevel.IMMINENT),
    ],
)
def test_english_slang_wishes_and_final_arrangements(text: str, level: RiskLevel) -> None:
    assert assess(text, lang="en").level >= level


@pytest.mark.parametrize(
    "text",
    [
        "on the roof of the hotel watching the sunset with my friends",
        "waiting on the platform for my train, delayed again",
        "i want to disappear for a weekend, just me and a cabin",
        "i'd literally rather die than sit through another team meeting",
        "writing a goodbye letter to my old self for a therapy exercise",
        "bought charcoal for the bbq on sunday",
        "gave my notes to my classmate today",
        "my mom will kill me if i'm late again lol",
        # Caring for one's own is not handing them over: "able to look after my dad" once read as a farewell.
        "i should be able to look after my dad and work full time. i'm tired all the time, i'm just weak",
        "i have to take care of my kids all day and i'm exhausted",
    ],
)
def test_english_slang_and_arrangement_hard_negatives(text: str) -> None:
    assert assess(text, lang="en").level < RiskLevel.MODERATE


# --- Chinese: concept families written as paraphrases (not taken from any eval set) ---
@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("真想长眠不醒", RiskLevel.MODERATE),  # ending metaphors after a wish
        ("这辈子想提前下线了", RiskLevel.MODERATE),
        ("要是哪天被车撞了也行，无所谓", RiskLevel.MODERATE),  # a fatal event, welcomed
        ("为什么要把我救回来", RiskLevel.MODERATE),  # regret at surviving
        ("老天爷早点把我收了吧", RiskLevel.MODERATE),
        ("外婆走后我一直想跟她一起去", RiskLevel.MODERATE),  # joining the dead
        ("想把自己鲨了", RiskLevel.HIGH),  # slang
        ("窗户推开了，一直往下看", RiskLevel.IMMINENT),  # a drop within reach, dwelling
        ("药和酒一起吞下去了", RiskLevel.IMMINENT),
        ("皮筋弹手腕弹到发紫", RiskLevel.HIGH),  # self-harm without a blade
        ("脑子里总冒出把孩子从阳台扔下去的念头", RiskLevel.HIGH),  # urge to harm someone
        ("我恨不得拿刀把他捅了", RiskLevel.HIGH),
        ("我被他们关在地下室一整晚", RiskLevel.HIGH),  # violence against the person
        ("他说敢报警就弄死我全家", RiskLevel.HIGH),
        ("下辈子再也不要来了", RiskLevel.MODERATE),
        ("死了就不用上班了", RiskLevel.MODERATE),
    ],
)
def test_chinese_paraphrase_families(text: str, level: RiskLevel) -> None:
    assert assess(text, lang="zh").level >= level


@pytest.mark.parametrize(
    "text",
    [
        "今天早点下线了，明天再聊",
        "游戏卡了，我想重开一局",
        "我妈得了癌症，希望她能好起来",
        "奶奶去世三年了，清明我想去看看她",
        "酒店房间在28楼，窗户能打开，风景很好",
        "我把安眠药放在床头，睡不着就吃一片",
        "站在跳台上想往下跳，教练在下面喊",
        "想去世界各地看看",
        "我决定了，今晚去看演唱会！",
        "把旧衣服都捐了 断舍离中",
        "游戏里想把对面打残",
        "烤蛋糕的时候手腕被烤箱烫了一下",
        "吃了两片安眠药，准备睡了",
        "绳子挂在阳台上晾衣服",
        "小时候我爸经常打我，现在他老了我们关系很好",
        "谢谢你陪我这么久 下次再聊",
    ],
)
def test_chinese_paraphrase_hard_negatives(text: str) -> None:
    assert assess(text, lang="zh").level < RiskLevel.MODERATE


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("my dad died last year and i want to go where he is", RiskLevel.MODERATE),  # joining the dead
        ("my brother died and honestly i'm jealous of him", RiskLevel.MODERATE),  # envy of the dead
        ("praying for a tumour tbh", RiskLevel.MODERATE),  # a wished-for fatal illness
        ("part of me was disappointed when the biopsy came back benign", RiskLevel.MODERATE),
        ("wish someone would switch me off", RiskLevel.MODERATE),
        ("thinking about checking out for good", RiskLevel.HIGH),
        ("punched the wall till my knuckles bled", RiskLevel.HIGH),
        ("i keep picturing taking a knife to my manager", RiskLevel.HIGH),
        ("my dad used the belt on me last night", RiskLevel.HIGH),
        ("took like 30 paracetamol an hour ago", RiskLevel.IMMINENT),
        ("top floor of the car park. quiet up here", RiskLevel.MODERATE),
        ("deleted everything. accounts, photos. no loose ends", RiskLevel.MODERATE),
        ("i'd welcome a fatal heart attack honestly", RiskLevel.MODERATE),
        ("if i got hit by a train i wouldn't be upset", RiskLevel.MODERATE),
        ("googled how long it takes to drown", RiskLevel.IMMINENT),
        ("on the wrong side of the railing on the bridge", RiskLevel.MODERATE),
        ("i'm scared he'll kill me", RiskLevel.HIGH),
        ("i could kill him i swear, not joking", RiskLevel.HIGH),
    ],
)
def test_english_paraphrase_families(text: str, level: RiskLevel) -> None:
    assert assess(text, lang="en").level >= level


@pytest.mark.parametrize(
    "text",
    [
        "i want to be with my girlfriend tonight, she's in london",
        "i'm jealous of my sister, she got into oxford",
        "i hope my mum's scan is clear",
        "i took two paracetamol for my headache",
        "the bridge on my way to work has the best sunrise, took like 20 pics",
        "top floor of the car park was full so parked on level 2",
        "i want to sleep for like 14 hours and not wake up until the weekend lol",
        "deleted instagram to focus on exams",
        "i've decided to quit my job",
        "my brother threw a pillow at me lol",
        "the doctor said it's not cancer, so relieved",
        "i don't want to live in this city anymore",
        "my meds are lined up in my dosette box",
        "at the bridge waiting for my mates",
        "what's the lethal dose of caffeine, i've had 5 coffees",
        "i'm going to end it with my boyfriend",
    ],
)
def test_english_paraphrase_hard_negatives(text: str) -> None:
    assert assess(text, lang="en").level < RiskLevel.MODERATE


@pytest.mark.parametrize(
    ("text", "context", "level"),
    [
        ("都准备好了", ["绳子买回来了", "挂钩也装好了"], RiskLevel.IMMINENT),  # completes a combination
        ("我想去陪他", ["我爸去年冬天走了"], RiskLevel.MODERATE),
    ],
)
def test_context_window_completes_a_combination(text: str, context: list[str], level: RiskLevel) -> None:
    assert assess(text, context=context, lang="zh").level >= level


def test_context_window_needs_the_message() -> None:
    assert assess("谢谢你，我去吃饭了", context=["绳子买回来了"], lang="zh").level < RiskLevel.MODERATE


# --- English: suppressors and paraphrase families (each line is an unseen paraphrase of a family) ---
@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("got 40 of my dad's painkillers saved. doing it once everyone's asleep", RiskLevel.IMMINENT),  # count + moment
        ("gave my ps5 and my dog to my cousin today", RiskLevel.MODERATE),  # the pet is the arrangement, not an excuse
        ("sorted the life insurance paperwork and left the folder where she'll find it", RiskLevel.MODERATE),
        ("i cut too deep this time and it wont stop bleeding", RiskLevel.IMMINENT),
        ("so tired. want to sleep for a thousand years and not come back", RiskLevel.MODERATE),  # dropped "i"
        ("hoping i never see another sunrise", RiskLevel.MODERATE),
        ("jealous of my nan honestly. she's at peace now", RiskLevel.MODERATE),
        ("i keep hoping the doctor finds something terminal", RiskLevel.MODERATE),
        ("idc if i live or die at this point", RiskLevel.MODERATE),
        ("i'm gonna drive into the river tonight", RiskLevel.IMMINENT),
        ("walking the train tracks behind my house. the freight comes through soon", RiskLevel.IMMINENT),
        ("i'm tying the belt to the wardrobe door", RiskLevel.IMMINENT),
        ("already swallowed them 20 minutes ago, room is spinning", RiskLevel.IMMINENT),
        ("i keep imagining pushing my sister down the stairs", RiskLevel.HIGH),
        ("my dad said he'll break my legs if i come out", RiskLevel.HIGH),
        ("relapsed. 200 days and i burned my arm on the stove tonight", RiskLevel.HIGH),
    ],
)
def test_english_suppressors_do_not_drop_risk(text: str, level: RiskLevel) -> None:
    assert assess(text, lang="en").level >= level


@pytest.mark.parametrize(
    "text",
    [
        "i miss my ex so much i want to be with her again",
        "i take 2 of my sleeping pills tonight as prescribed",
        "his words cut way too deep",
        "i hope i don't wake up late tomorrow",
        "hope lightning doesn't hit the tent",
        "giving away my old books, anyone want them?",
        "gave away all my baby clothes to my cousin since we're done having kids",
        "made a will today because my husband and i just had a baby",
        "said goodbye to my coworkers on my last day",
        "i sorted the life insurance when we bought the house",
        "i'm going to kill my brother for eating my fries",
        "if i hear one more christmas song in this shop i'm gonna jump off the roof",
        "ending it all... my subscription to 4 streaming services lol",
        "i'm quitting. i've decided. tomorrow i hand in my notice",
        "knife's next to me while i chop the onions",
        "driving into the lake district tomorrow for a hike",
        "i cut my hair myself lol",
        "walking along the train tracks is illegal but the photos are cool",
    ],
)
def test_english_masks_keep_ordinary_talk_below_moderate(text: str) -> None:
    assert assess(text, lang="en").level < RiskLevel.MODERATE


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("想死的念头已经持续一个多月了", RiskLevel.MODERATE),  # a duration is not the past
        ("每天都在想有什么办法可以不痛苦地走", RiskLevel.HIGH),
        ("查了吃多少颗安眠药会死", RiskLevel.MODERATE),
        ("真希望自己哪天就不在了", RiskLevel.MODERATE),
        ("过马路都懒得躲车了 撞上就撞上吧", RiskLevel.MODERATE),
        ("阳台栏杆我已经翻出去了", RiskLevel.MODERATE),
        ("绳子已经挂好了 就在阳台晾衣杆上", RiskLevel.IMMINENT),
        ("手办 吉他 衣服都送人了 朋友们还以为我要出国", RiskLevel.MODERATE),
        ("胳膊上新添了两道", RiskLevel.HIGH),
        ("我老公拿着菜刀在追我", RiskLevel.HIGH),
        ("有种冲动想拿刀捅那个欺负我妹妹的人，不是说气话", RiskLevel.HIGH),
        ("tmd 想噶了 认真的", RiskLevel.MODERATE),
        ("累到不想活了 不是气话", RiskLevel.MODERATE),
        ("一整瓶白酒加我妈的安眠药 都下肚了 在等", RiskLevel.IMMINENT),  # whose pills is not whose risk
    ],
)
def test_chinese_suppressors_do_not_drop_risk(text: str, level: RiskLevel) -> None:
    assert assess(text, lang="zh").level >= level


@pytest.mark.parametrize(
    "text",
    [
        "想你想死了宝贝 什么时候回来😭",
        "今天37度 出门五分钟就热到想原地蒸发",
        "周一又要上班 不想活了（开玩笑的 别紧张）",
        "刚才切土豆丝把手割了个口子 血流了一案板 贴了创可贴没事了",
        "终于一了百了了！！答辩过了",
        "这部剧已经追了一个月了",
        "周末只想躺平，谁也别找我",
        "银行卡密码告诉我妈了 让她帮我取钱",
        "大家再见了 明天见",
        "想快点去见男朋友",
        "出差几天 下周回来接猫",
        "我妈的安眠药放在哪了 她找不到",
        "要搬去上海了，猫只能送给朋友养",
    ],
)
def test_chinese_masks_keep_ordinary_talk_below_moderate(text: str) -> None:
    assert assess(text, lang="zh").level < RiskLevel.MODERATE
