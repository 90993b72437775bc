"""What a person reads before the first message: what Peppy is and is not, and where help is now.

The help lines (phone numbers, websites) come from the safety layer's resource
data for the person's locale; none are written here.
"""

from __future__ import annotations

from crisp.cr.taxonomy import Lang
from crisp.prompts import keyed_lines

_ABOUT = {
    Lang.EN: (
        "Peppy is an AI that helps you look at difficult thoughts in a new way (cognitive restructuring).\n"
        "Peppy is not a therapist and cannot help in an emergency. If you might hurt yourself or someone\n"
        "else, or you are in danger, contact one of these now:"
    ),
    Lang.ZH: (
        "Peppy 是一个帮助你换个角度看待困扰想法的 AI（认知重构）。\n"
        "Peppy 不是心理治疗师，也无法处理紧急情况。如果你可能伤害自己或他人，或正处于危险之中，请立即联系："
    ),
}
_PRIVACY = {
    Lang.EN: "Nothing you write is saved unless you ask (/save). Type /help for commands.",
    Lang.ZH: "除非你要求（/save），你写的内容不会被保存。输入 /help 查看命令。",
}


_EMERGENCY = {Lang.EN: "Emergency: {number}", Lang.ZH: "紧急情况：{number}"}


def resource_lines(lang: Lang, locale: str | None = None) -> list[str]:
    """Where to get help now: the emergency number first, then the crisis lines of the locale."""
    from crisp.safety import resources_for

    resources = resources_for(locale, lang)
    first = _EMERGENCY[lang].format(number=resources.emergency.get(lang))
    return [first, *(line.describe(lang) for line in resources.lines_for("crisis"))]


def _knows_where(locale: str | None, lang: Lang) -> bool:
    from crisp.safety import resolve_locale
    from crisp.safety.resources import load_resources

    return resolve_locale(locale, lang) != load_resources().fallback


def notice_text(langs: list[Lang], locale: str | None = None) -> str:
    """The start notice in each of `langs`, each followed by its help lines."""
    blocks = []
    for lang in langs:
        lines = [_ABOUT[lang], *(f"  - {line}" for line in resource_lines(lang, locale))]
        if not _knows_where(locale, lang):
            lines.append(keyed_lines("labels", lang)["locale_hint"])
        lines.append(_PRIVACY[lang])
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


__all__ = ["notice_text", "resource_lines"]
