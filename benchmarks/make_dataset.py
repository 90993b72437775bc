"""Write a large file of valid, realistic-looking Crisp records, for the data benchmarks.

    python benchmarks/make_dataset.py OUT.jsonl --dialogues 100000 [--seed 0]

Sizes follow the published Crisp figures (about 36 turns, 2.3 loops, 2.9 channels and
2.2 sentences per counsellor turn per dialogue, 7.4 dialogues per seed situation,
English and Chinese in equal parts). The text is random words drawn with a Zipf-like
law, so lexical diversity is plausible but the words mean nothing. Every record passes
`crisp data validate`. Deterministic: the same seed writes the same bytes.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import sys
from pathlib import Path

from crisp.cr.taxonomy import Distortion, Strategy, SubStep

_EN_WORDS = (
    "i you it the a to and of my that feel think really just but not so about what when this like "
    "work paper advisor friend family time always never again feel maybe because could would should "
    "know worried anxious tired hope trying help better worse job exam mother father partner week "
    "month year night sleep people everyone nobody something nothing enough good bad hard easy "
    "comments review rejection deadline project team boss meeting message reply call home school "
    "money rent future past plan step small big change stuck overwhelmed afraid sad angry calm "
    "proud kind careful honest evidence reason fact thought belief feeling pattern moment chance "
    "together notice remember wonder imagine expect happen matter count support listen share"
).split()
_ZH_WORDS = (
    "我 你 的 了 是 在 不 有 就 都 也 很 这 那 觉得 真的 但是 因为 所以 如果 可能 应该 一直 从来 "
    "工作 论文 导师 朋友 家人 时间 总是 再次 担心 焦虑 疲惫 希望 努力 帮助 更好 更糟 考试 妈妈 "
    "爸爸 伴侣 每周 月份 今年 晚上 睡眠 大家 没有人 什么 事情 足够 好的 不好 困难 容易 意见 评审 "
    "拒绝 截止 项目 团队 老板 会议 消息 回复 电话 学校 金钱 房租 未来 过去 计划 一步 小事 改变 "
    "卡住 不知所措 害怕 难过 生气 平静 骄傲 善良 小心 诚实 证据 理由 事实 想法 信念 感受 模式 "
    "时刻 机会 一起 注意 记得 好奇 想象 期待 发生 重要 支持 倾听 分享 压力 失败 成功 价值 能力"
).split()
_EN_SYLLABLES = [c + v for c in "bcdfghklmnprstvw" for v in ("a", "e", "i", "o", "u", "ay", "ee", "or")]
_TAIL_WORDS = 6000  # rarer words after the common ones, so lexical diversity is realistic
_CATEGORIES = ("family", "education", "career", "health", "finances", "romantic relationships",
               "lifestyle", "friendship", "neighbourhood", "technology")
_DIALOGUES_PER_SEED = 7.39


class _Writer:
    def __init__(self, rng: random.Random, lang: str) -> None:
        self.rng = rng
        self.lang = lang
        self.words, self.cum_weights = _VOCABULARY[lang]

    def sentence(self, low: int, high: int, end: str = ".") -> str:
        picked = self.rng.choices(self.words, cum_weights=self.cum_weights, k=self.rng.randint(low, high))
        if self.lang == "zh":
            return "".join(picked) + ("？" if end == "?" else "。")
        text = " ".join(picked)
        return text[0].upper() + text[1:] + end

    def client(self) -> str:
        return " ".join(self.sentence(8, 16) for _ in range(self.rng.randint(1, 3))) if self.lang == "en" else (
            "".join(self.sentence(8, 16) for _ in range(self.rng.randint(1, 3))))

    def counsellor(self) -> list[dict[str, str]]:
        count = self.rng.choices((1, 2, 3, 4), (0.22, 0.40, 0.30, 0.08))[0]
        out = []
        for _ in range(count):
            strategy = self.rng.choice(list(Strategy))
            end = "?" if strategy is Strategy.QUESTION else "."
            out.append({"text": self.sentence(7, 18, end), "strategy": strategy.value})
        return out


def _jieba_words(count: int) -> list[str]:
    """The `count` most frequent all-Chinese words of jieba's dictionary."""
    import jieba

    entries = []
    with open(Path(jieba.__file__).parent / "dict.txt", encoding="utf-8") as f:
        for line in f:
            word, freq, *_ = line.split()
            if all("\u4e00" <= c <= "\u9fff" for c in word):
                entries.append((-int(freq), word))
    return [word for _, word in sorted(entries)[:count]]


def _vocabulary(lang: str) -> tuple[list[str], list[float]]:
    """Real common words, then made-up rare ones, with cumulative Zipf weights (a few common, most rare)."""
    rng = random.Random(f"vocabulary-{lang}")
    words = list(dict.fromkeys(_ZH_WORDS if lang == "zh" else _EN_WORDS))
    seen = set(words)
    target = len(words) + _TAIL_WORDS
    if lang == "zh":
        # Real words, the most frequent of jieba's dictionary: made-up ones would send jieba's
        # segmentation down its slow path for unknown words, which real text rarely takes.
        words += [w for w in _jieba_words(2 * _TAIL_WORDS) if w not in seen][:_TAIL_WORDS]
    while len(words) < target:
        word = "".join(rng.choices(_EN_SYLLABLES, k=rng.randint(2, 3)))
        if word not in seen:
            seen.add(word)
            words.append(word)
    weights = [1.0 / (rank + 1) ** 1.03 for rank in range(len(words))]
    return words, list(itertools.accumulate(weights))


_VOCABULARY = {lang: _vocabulary(lang) for lang in ("en", "zh")}


def make_record(rng: random.Random, index: int, seed_id: str, lang: str, category: str, subcategory: str) -> dict:
    w = _Writer(rng, lang)
    turns: list[dict] = []

    def step(substep: SubStep | None, loop: int, channel: int | None, pairs: int) -> None:
        for _ in range(pairs):
            tags = {"substep": substep.value if substep else None, "loop": loop, "channel": channel}
            turns.append({"role": "client", "content": w.client(), **tags})
            turns.append({"role": "counsellor", "sentences": w.counsellor(), **tags})

    loops = rng.choices((1, 2, 3, 4), (0.2, 0.4, 0.3, 0.1))[0]
    channels: list[dict] = []
    verdicts: list[dict] = []
    distortions = rng.sample(list(Distortion), k=min(len(Distortion), loops * 3))
    for loop in range(1, loops + 1):
        for sub in (SubStep.AUTOMATIC_THOUGHT, SubStep.INTERMEDIATE_BELIEF, SubStep.CORE_BELIEF):
            step(sub, loop, None, 1)
        new = rng.choices((1, 2, 3), (0.75, 0.2, 0.05))[0]
        for _ in range(new):
            number = len(channels) + 1
            channels.append({"index": number, "loop": loop, "distortion": distortions[number - 1].value,
                             "example_thought": w.sentence(6, 12)})
            for sub in (SubStep.DEFENSE, SubStep.PROSECUTION, SubStep.VERDICT):
                step(sub, loop, number, rng.choices((1, 2), (0.92, 0.08))[0])
            verdicts.append({"channel": number, "loop": loop, "restructured_thought": w.sentence(8, 16)})
    step(None, loops, None, 1)
    turns.append({"role": "client", "content": w.client(), "substep": None, "loop": loops})
    return {
        "schema_version": "1.0",
        "id": f"dlg-{index:07d}",
        "language": lang,
        "seed": {"id": seed_id, "situation": w.client(), "language": lang, "category": category,
                 "subcategory": subcategory},
        "persona": {"name": None, "age": rng.randint(18, 70), "description": w.sentence(6, 12),
                    "resistance": rng.choice(("low", "medium", "high"))},
        "cognition": {"automatic_thought": w.sentence(8, 14), "intermediate_belief": w.sentence(8, 14),
                      "channels": channels},
        "turns": turns,
        "verdicts": verdicts,
        "end_reason": "plan_complete",
        "provenance": {"toolkit_version": "0.1.0", "models": {"counsellor": "openai:gpt-4o",
                       "client": "openai:gpt-4o"}, "prompt_version": "crdial-1",
                       "random_seed": index, "created_at": "2025-01-01T00:00:00Z"},
    }


def write_dataset(out: Path, dialogues: int, seed: int = 0) -> None:
    rng = random.Random(seed)
    seeds = max(1, round(dialogues / _DIALOGUES_PER_SEED))
    with out.open("w", encoding="utf-8") as f:
        for i in range(dialogues):
            s = rng.randrange(seeds)
            lang = "en" if s % 2 == 0 else "zh"
            category = _CATEGORIES[(s // 2) % len(_CATEGORIES)]
            record = make_record(rng, i, f"seed-{s:06d}", lang, category, f"{category}-{(s // 20) % 5 + 1}")
            f.write(json.dumps(record, ensure_ascii=False) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--dialogues", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    write_dataset(args.out, args.dialogues, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
