"""Resources per locale and the scripted safe messages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from crisp.errors import ConfigError
from crisp.safety import (
    RiskLevel,
    assess,
    check_reply,
    crisis_message,
    fallback_reply,
    resolve_locale,
    safe_response,
)
from crisp.safety.resources import load_resources, parse_resources, resources_for

METHOD_WORDS = re.compile(
    r"pills?|overdose|rope|hang|jump|bridge|knife|blade|razor|gun|wrist|poison|dose|安眠药|跳楼|上吊|割腕|烧炭|农药|刀"
)


@pytest.mark.parametrize(
    ("locale", "lang", "code"),
    [
        ("US", "en", "US"),
        ("en_US.UTF-8", "en", "US"),
        ("uk", "en", "GB"),
        ("en-GB", "zh", "GB"),
        ("zh-Hans-CN", "zh", "CN"),
        (None, "zh", "CN"),
        (None, "en", "INTL"),
        ("", "en", "INTL"),
    ],
)
def test_locale_resolution(locale: str | None, lang: str, code: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CRISP_LOCALE", raising=False)
    assert resolve_locale(locale, lang) == code


def test_locale_from_settings_and_unknown_locale_falls_back(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CRISP_LOCALE", "GB")
    assert resolve_locale(None, "en") == "GB"
    assert resolve_locale(None, "zh") == "GB"  # configuration wins over the message language
    monkeypatch.setenv("CRISP_LOCALE", "Narnia")
    assert resolve_locale(None, "zh") == "CN"
    assert resolve_locale(None, "en") == "INTL"


def test_packaged_resources_have_the_required_numbers() -> None:
    book = load_resources()
    text = {code: entry.model_dump_json() for code, entry in book.locales.items()}
    assert "988" in text["US"] and "911" in text["US"]
    assert "12356" in text["CN"] and "120" in text["CN"] and "110" in text["CN"]
    assert "116 123" in text["GB"] and "999" in text["GB"]
    assert "findahelpline.com" in text["INTL"]
    assert book.fallback == "INTL"


def test_bad_resources_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not a valid resources file"):
        parse_resources("fallback: XX\nlocales: {}\n")
    with pytest.raises(ConfigError):
        parse_resources("locales: [unclosed")
    with pytest.raises(ConfigError, match="cannot read"):
        load_resources(tmp_path / "missing.yaml")


@pytest.mark.parametrize(
    ("text", "locale", "must_have"),
    [
        ("I want to die.", "US", ["988", "Are you having thoughts of ending your life"]),
        ("I want to die.", None, ["findahelpline.com"]),
        ("I want to kill myself.", "GB", ["116 123"]),
        ("我想自杀", None, ["12356", "你现在有结束自己生命的想法吗"]),
        ("我想自杀", "US", ["988"]),
    ],
)
def test_safe_message_language_numbers_and_question(
    text: str, locale: str | None, must_have: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CRISP_LOCALE", raising=False)
    message = safe_response(assess(text), locale=locale)
    for part in must_have:
        assert part in message
    assert len(message) < 600  # short


def test_imminent_urges_emergency_services_first(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CRISP_LOCALE", raising=False)
    en = safe_response(assess("I just took a whole bottle of pills."), locale="US")
    assert "911" in en and en.index("911") < en.index("988")
    zh = safe_response(assess("我刚吃了一整瓶安眠药"))
    assert "120" in zh and "12356" in zh and zh.index("120") < zh.index("12356")


def test_abuse_messages_ask_about_safety_and_give_abuse_lines() -> None:
    message = safe_response(assess("My husband hits me when he drinks."), locale="GB")
    assert "Are you safe" in message and "0808 2000 247" in message and "999" in message


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("level", [RiskLevel.MODERATE, RiskLevel.HIGH, RiskLevel.IMMINENT])
@pytest.mark.parametrize("concern", ["self", "abuse", "others"])
@pytest.mark.parametrize("locale", ["US", "CN", "GB", "TW", "INTL"])
def test_safe_messages_never_talk_about_methods(lang: str, level: RiskLevel, concern: str, locale: str) -> None:
    for follow_up in (False, True):
        message = crisis_message(level, lang, concern, locale=locale, follow_up=follow_up)  # type: ignore[arg-type]
        assert not METHOD_WORDS.search(message.lower()), message
        assert check_reply(message, lang).passed, message


def test_no_safe_message_below_moderate() -> None:
    with pytest.raises(ValueError):
        crisis_message(RiskLevel.LOW, "en")


def test_fallback_reply_offers_a_line_when_asked() -> None:
    assert "988" in fallback_reply("en", "US")
    assert "988" not in fallback_reply("en", "US", with_resources=False)
    assert "12356" in fallback_reply("zh")


def test_every_locale_lists_a_crisis_line_in_both_languages() -> None:
    for code in load_resources().locales:
        for lang in ("en", "zh"):
            entry = resources_for(code, lang)
            assert entry.lines_for("crisis")
            assert entry.emergency.get(lang)  # type: ignore[arg-type]
