"""One normal form for the rules of both languages, and where clauses and sentences start.

The rules are written against this form: lower case, straight apostrophes, no
zero-width or control characters, common chat spellings expanded ("wanna",
"im", "kms"), simplified Chinese characters for the words the rules use, and
no spaces between Chinese characters ("我 想 死" reads as "我想死").
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass

from crisp.errors import InputError

# A chat message longer than this is refused with a clear error instead of being screened slowly.
MAX_MESSAGE_CHARS = 100_000

# Traditional characters that occur in the Chinese rules, mapped to their simplified form.
_TRADITIONAL = (
    "殺杀結结藥药燒烧樓楼遺遗書书殘残傷伤輕轻絕绝沒没會会們们麼么說说這这個个為为劃划準准備备"
    "氣气熱热餓饿嚇吓煩烦開开來来過过還还對对讓让裡里裏里點点時时後后發发親亲媽妈爺爷體体覺觉"
    "無无義义醫医車车繩绳離离壓压睏困難难聽听謝谢見见別别斷断盡尽種种險险強强姦奸騷骚擾扰脅胁"
    "報报復复歸归於于滅灭計计畫划劑剂應应該该總总經经歷历頭头腦脑現现衝冲動动傾倾樣样間间題题"
    "課课論论聞闻導导電电視视劇剧節节遊游戲戏詞词紀纪錄录學学習习師师講讲統统數数據据兒儿婦妇"
    "閨闺領领闆板鄰邻網网著着鬧闹緊紧張张廢废負负擔担贅赘餘余堅坚撐撑潰溃虛虚從从試试穩稳剛刚"
    "顆颗農农靜静脈脉門门關关閉闭攢攒買买臺台橋桥邊边陽阳軌轨東东貓猫給给遠远訊讯條条讀读隨随"
    "號号碼码誰谁麼么嗎吗喪丧亂乱憂忧鬱郁癥症燙烫們们將将隻只夠够幫帮處处錯错愛爱恨恨氣气槍枪"
    "砍砍毆殴暴暴懼惧嗚呜幹干寧宁願愿寫写剩剩陪陪歲岁萬万億亿雙双紙纸滿满讓让糾纠纏缠"
    "頂顶厭厌終终場场禍祸聲声鑰钥鎖锁壞坏罵骂髮发錢钱帳账銷销註注刪删務务與与極极釋释脫脱靈灵記记憶忆"
    "棄弃淚泪飛飞機机訂订層层換换櫃柜擋挡鐵铁懸悬腸肠燈灯線线認认識识歡欢"
    "決决較较睜睁鬆松嗎吗礙碍獨独剪剪臟脏緒绪貨货僅仅慮虑惱恼嚥咽嘔呕遲迟閃闪蹤踪罐罐爛烂"
)
_TO_SIMPLIFIED = str.maketrans({_TRADITIONAL[i]: _TRADITIONAL[i + 1] for i in range(0, len(_TRADITIONAL), 2)})

# Emoji that people use for means; they count as the word for the context cues.
_EMOJI_WORDS = str.maketrans(
    {"💊": " pills ", "🔪": " knife ", "🪢": " rope ", "🩸": " blood ", "🔫": " gun ", "⚰": " coffin ", "🪦": " grave ",
     "🌉": " bridge "}
)

_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\ufeff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u0060": "'", "\u00b4": "'", "\u02bc": "'"})
_SPACES = re.compile(r"[ \t\r\f\v]+")
# A space between Chinese characters: spaced-out typing ("我 想 死") is joined; between two runs of two or more
# characters it is the comma of chat ("不用考试 也不用再面对任何人") and becomes a clause break.
_CJK_GAP = re.compile(r"([\u3400-\u9fff]+)[ \t]+(?=([\u3400-\u9fff]+))")


_INTERJECTIONS = frozenset("嗯啊哦唉哎呃额噢诶欸哈呵呜")


def _cjk_gap(match: re.Match[str]) -> str:
    run, following = match.group(1), match.group(2)
    if run in _INTERJECTIONS or following in _INTERJECTIONS:
        return run + ","
    return run + ("," if len(run) >= 2 and len(following) >= 2 and run[-1] not in "不没别想要很好太真是" else "")
# Python counts Chinese characters as word characters, so "想kill myself" has no word boundary before "kill".
_SCRIPT_SEAM = re.compile(r"(?<=[\u3400-\u9fff])(?=[a-z0-9])|(?<=[a-z0-9])(?=[\u3400-\u9fff])")

# Chat spellings and slang, expanded to the words the rules are written for.
_SLANG = {
    "wanna": "want to",
    "gonna": "going to",
    "gotta": "got to",
    "im": "i'm",
    "ive": "i've",
    "ill": "i'll",  # "ill" as a word ("I feel ill") does not meet any rule either way
    "dont": "don't",
    "cant": "can't",
    "wont": "won't",
    "didnt": "didn't",
    "doesnt": "doesn't",
    "isnt": "isn't",
    "wouldnt": "wouldn't",
    "couldnt": "couldn't",
    "shouldnt": "shouldn't",
    "havent": "haven't",
    "kms": "kill myself",
    "kys": "kill yourself",
    "unalive": "kill",
    "unaliving": "killing",
    "unalived": "killed",
    "sewerslide": "suicide",
    "suicde": "suicide",
    "sucide": "suicide",
    "u": "you",
    "ur": "your",
    "rn": "right now",
    "tonite": "tonight",
    "2nite": "tonight",
    "nite": "night",
    "od": "overdose",
    "oding": "overdosing",
    # more chat spellings (apostrophes dropped, short forms) and suicide slang
    "wasnt": "wasn't",
    "werent": "weren't",
    "arent": "aren't",
    "hasnt": "hasn't",
    "hadnt": "hadn't",
    "id": "i'd",
    "itd": "it'd",
    "itll": "it'll",
    "thats": "that's",
    "whats": "what's",
    "theres": "there's",
    "hes": "he's",
    "shes": "she's",
    "theyre": "they're",
    "theyll": "they'll",
    "youre": "you're",
    "tonights": "tonight's",
    "abt": "about",
    "bout": "about",
    "sh'd": "self harmed",
    "sh'ed": "self harmed",
    "thinkin": "thinking",
    "tmrw": "tomorrow",
    "tmr": "tomorrow",
    "tmrow": "tomorrow",
    "tmw": "tomorrow",
    "tn": "tonight",
    "szn": "season",
    "ppl": "people",
    "bc": "because",
    "cuz": "because",
    "coz": "because",
    "thru": "through",
    "yrs": "years",
    "ctb": "kill myself",  # "catch the bus"
    "ctbing": "killing myself",
    "be unalive": "be dead",
    "get unalived": "get killed",
    "unalive myself": "kill myself",
    "suicided": "killed myself",
    "selfharm": "self-harm",
    "sewer slide": "suicide",
    "sewer-slide": "suicide",
    "commit sudoku": "commit suicide",
    "kmsl": "killing myself laughing",
    "selfharming": "self-harming",
}
_SLANG_WORDS = re.compile(r"(?<![\w'])(" + "|".join(sorted(_SLANG, key=len, reverse=True)) + r")(?![\w'])")
_MASKED_SUICIDE = re.compile(r"\bs(?:[*.\-_]|u)[i1!*.]?c[i1!*]de\b|\bsu[i1!]c[i1!]de\b")
# Replaced in order: the pottery (紫砂锅, 紫砂壶) first, so that only the slang 紫砂 reads as 自杀.
_ZH_SLANG = (
    ("紫砂锅", "砂锅"), ("紫砂壶", "砂壶"), ("紫砂杯", "砂杯"), ("紫砂茶", "砂茶"), ("紫砂陶", "砂陶"), ("紫砂泥", "砂泥"),
    ("紫砂", "自杀"), ("自鲨", "自杀"), ("自sha", "自杀"), ("zisha", "自杀"),
    ("zs的想法", "自杀的想法"), ("zs的念头", "自杀的念头"), ("想zs", "想自杀"), ("要zs", "要自杀"),
    ("zs计划", "自杀计划"), ("zs的计划", "自杀的计划"),
    # 鲨 (shark) for 杀 and 鼠 (mouse) for 死 in self-directed phrases only: "把自己鲨了", "好想鼠".
    ("鲨了自己", "杀了自己"), ("鲨了我自己", "杀了我自己"), ("把自己鲨了", "把自己杀了"), ("自己鲨掉", "自己杀掉"),
    ("想die", "想死"), ("想 die", "想死"), ("去die", "去死"), ("想si", "想死"), ("想 si", "想死"), ("si了算了", "死了算了"),
    ("si 了算了", "死了算了"),
    ("想ctb", "想自杀"), ("要ctb", "要自杀"), ("unalive掉", "杀掉"), ("unalive自己", "杀了自己"), ("把自己unalive", "把自己杀"),
    ("好想鼠", "好想死"), ("ctb的", "自杀的"), ("ctb了", "自杀了"), ("去ctb", "去自杀"), ("sewerslide这", "自杀这"), ("sewerslide的", "自杀的"), ("想sewerslide", "想自杀"), ("想kys", "想自杀"), ("要kys", "要自杀"),
    ("end掉自己", "杀掉自己"), ("end自己", "杀了自己"), ("想噶了", "想死了"), ("想噶", "想死"), ("噶了算了", "死了算了"), ("想嘎了", "想死了"), ("真想鼠", "真想死"), ("想鼠了", "想死了"), ("想去鼠", "想去死"), ("鼠了算了", "死了算了"),
)

# Clause boundaries bound negation and subject look-back; sentence boundaries bound past-tense markers.
_CLAUSE_BREAK = re.compile(
    r"[.!?;,:。、…\n]+|\b(?:but|though|although|however|except|yet|whereas)\b|但是|可是|不过|然而|只是"
)
_SENTENCE_BREAK = re.compile(r"[.!?。…\n]+")
_HAN = re.compile(r"[\u3400-\u9fff]")
_LATIN = re.compile(r"[a-z]")


@dataclass(frozen=True)
class PreparedText:
    """A message in normal form with its clause and sentence starts."""

    text: str
    has_cjk: bool
    has_latin: bool
    clause_starts: tuple[int, ...]
    sentence_starts: tuple[int, ...]

    def clause_start(self, pos: int) -> int:
        return self.clause_starts[bisect_right(self.clause_starts, pos) - 1]

    def sentence_start(self, pos: int) -> int:
        return self.sentence_starts[bisect_right(self.sentence_starts, pos) - 1]

    def sentence(self, pos: int) -> str:
        i = bisect_right(self.sentence_starts, pos) - 1
        end = self.sentence_starts[i + 1] if i + 1 < len(self.sentence_starts) else len(self.text)
        return self.text[self.sentence_starts[i] : end]

    def clause(self, pos: int) -> str:
        i = bisect_right(self.clause_starts, pos) - 1
        end = self.clause_starts[i + 1] if i + 1 < len(self.clause_starts) else len(self.text)
        return self.text[self.clause_starts[i] : end]


def check_text(text: object, *, what: str = "message") -> str:
    """Refuse what is not text or is too long to screen, with a message that says what to do."""
    if not isinstance(text, str):
        raise InputError(f"the {what} must be text (str), not {type(text).__name__}; decode bytes as UTF-8 first")
    if len(text) > MAX_MESSAGE_CHARS:
        raise InputError(
            f"the {what} is {len(text)} characters long; the safety screen takes at most "
            f"{MAX_MESSAGE_CHARS} - split it into shorter messages"
        )
    return text


def normalize(text: str) -> str:
    """The normal form the rules match against (see the module docstring)."""
    text = _SURROGATE.sub("\ufffd", text)
    text = text.translate(_EMOJI_WORDS)
    text = unicodedata.normalize("NFKC", text)
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub(" ", text)
    text = text.translate(_APOSTROPHES).casefold()
    text = text.translate(_TO_SIMPLIFIED)
    for slang, word in _ZH_SLANG:
        if slang in text:
            text = text.replace(slang, word)
    text = _MASKED_SUICIDE.sub("suicide", text)
    text = _SLANG_WORDS.sub(lambda m: _SLANG[m.group(1)], text)
    text = _SPACES.sub(" ", text)
    text = _CJK_GAP.sub(_cjk_gap, text)
    return _SCRIPT_SEAM.sub(" ", text).strip()


def segment(norm: str) -> PreparedText:
    """Clause and sentence starts of a text already in normal form."""
    clause_starts = {0, *(m.end() for m in _CLAUSE_BREAK.finditer(norm))}
    sentence_starts = {0, *(m.end() for m in _SENTENCE_BREAK.finditer(norm))}
    return PreparedText(
        text=norm,
        has_cjk=_HAN.search(norm) is not None,
        has_latin=_LATIN.search(norm) is not None,
        clause_starts=tuple(sorted(clause_starts)),
        sentence_starts=tuple(sorted(sentence_starts)),
    )
