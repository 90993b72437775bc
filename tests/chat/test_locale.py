"""Where the person is, for crisis lines: from the terminal's environment, and what is said when nothing tells."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from crisp import Peppy
from crisp.chat.locale import region_of_locale, region_of_time_zone, terminal_locale
from crisp.chat.notice import notice_text
from crisp.cr.taxonomy import Lang
from crisp.llm.testing import ScriptedModelDouble

ZONE_TAB = Path("/usr/share/zoneinfo/zone.tab")
CRISIS = "I want to kill myself tonight. I have the pills ready."
HINT = "These are international resources"


@pytest.mark.parametrize(("value", "region"), [
    ("en_US.UTF-8", "US"), ("zh_CN", "CN"), ("en_GB.utf8@euro", "GB"), ("zh-TW", "TW"),
    ("C.UTF-8", None), ("POSIX", None), ("en", None), ("", None),
])
def test_region_of_a_locale_value(value: str, region: str | None) -> None:
    assert region_of_locale(value) == region


def test_order_crisp_locale_then_lc_all_lc_messages_lang() -> None:
    assert terminal_locale({"CRISP_LOCALE": "GB", "LANG": "en_US.UTF-8"}) == "GB"
    assert terminal_locale({"LC_ALL": "en_AU.UTF-8", "LANG": "en_US.UTF-8"}) == "AU"
    assert terminal_locale({"LC_MESSAGES": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}) == "CN"
    # A placeless value ("C.UTF-8") says nothing about where: the next variable decides.
    assert terminal_locale({"LC_ALL": "C.UTF-8", "LANG": "en_GB.UTF-8"}) == "GB"


@pytest.mark.skipif(not ZONE_TAB.is_file(), reason="this system has no zone table (tzdata)")
def test_the_time_zone_when_no_locale_says(tmp_path: Path) -> None:
    assert region_of_time_zone("Asia/Shanghai") == "CN"
    assert region_of_time_zone("Etc/UTC") is None
    assert terminal_locale({"LANG": "C.UTF-8", "TZ": "Europe/London"}, localtime=tmp_path / "none") == "GB"
    link = tmp_path / "localtime"
    os.symlink("/usr/share/zoneinfo/America/Chicago", link)
    assert terminal_locale({}, localtime=link) == "US"


def test_nothing_tells(tmp_path: Path) -> None:
    assert terminal_locale({"LANG": "C.UTF-8"}, localtime=tmp_path / "none") is None
    assert region_of_time_zone("Asia/Shanghai", zone_tab=tmp_path / "missing") is None


@pytest.fixture(autouse=True)
def _no_locale_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CRISP_LOCALE", raising=False)


def _safe_reply(locale: str | None) -> str:
    model = ScriptedModelDouble(lambda messages, schema: "Hello.")
    with Peppy(model, locale=locale) as peppy:
        reply = peppy.reply(CRISIS)
    assert reply.safety.answered_by == "safety" and model.calls == []
    return reply.text


def test_safe_path_shows_local_lines_or_says_how_to_set_the_locale() -> None:
    local = _safe_reply("US")
    assert "988" in local and HINT not in local
    international = _safe_reply(None)
    assert international.rstrip().endswith("CN, HK, TW also work).")
    assert HINT in international and "--locale US" in international


def test_start_notice_says_how_to_set_the_locale_only_when_nothing_tells() -> None:
    assert HINT not in notice_text([Lang.EN], "US")
    assert HINT in notice_text([Lang.EN], None)
    assert HINT in notice_text([Lang.EN], "ZZ")  # a place the resources do not know
    assert "--locale CN" not in notice_text([Lang.ZH], None)  # Chinese: mainland China's lines by default
