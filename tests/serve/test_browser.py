"""The chat page in a real browser: Debian's chromium driven by Playwright, headless, on loopback."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from fixtures.serve_server import (
    REPLY_EN,
    SlowStreamingCounsellorDouble,
    counsellor_double,
    echo_double,
)

from crisp.llm.testing import crdial_teacher_double

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
TIMEOUT_MS = 20_000


@pytest.fixture(scope="module")
def chromium() -> Iterator[object]:
    if not os.path.exists(CHROMIUM):
        pytest.skip("Debian chromium is not installed (make install-dev installs it)")
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=TIMEOUT_MS)  # a busy CI machine is slower than the 5 s default
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def open_page(chromium):
    pages = []

    def open_(server, **context):  # type: ignore[no-untyped-def]
        page = chromium.new_context(**context).new_page()
        page.set_default_timeout(TIMEOUT_MS)
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        page.errors = errors
        page.goto(server.url)
        page.wait_for_selector("body[data-ready='1']")
        pages.append(page)
        return page

    yield open_
    for page in pages:
        page.context.close()


def send(page, text: str) -> None:  # type: ignore[no-untyped-def]
    page.fill("#message", text)
    page.press("#message", "Enter")


def test_reply_streams_in_sentence_by_sentence(serve, open_page) -> None:
    server = serve(SlowStreamingCounsellorDouble(word_delay_s=0.12))
    page = open_page(server)
    send(page, "I failed my driving test again.")
    reply = page.locator(".msg.assistant").last
    assert reply.get_attribute("aria-live") == "polite"
    first_sentence = "It sounds like today was really hard."
    from playwright.sync_api import expect

    expect(reply).to_have_text(first_sentence)  # the first sentence shows before the model has finished
    expect(reply).to_have_text(REPLY_EN)
    expect(page.locator(".msg.user").last).to_have_text("I failed my driving test again.")
    assert page.errors == []


def test_enter_sends_and_shift_enter_adds_a_line(serve, open_page) -> None:
    server = serve()
    page = open_page(server)
    page.click("#message")
    page.keyboard.type("line one")
    page.keyboard.press("Shift+Enter")
    page.keyboard.type("line two")
    assert page.locator(".msg").count() == 0
    page.keyboard.press("Enter")
    from playwright.sync_api import expect

    expect(page.locator(".msg.user")).to_have_text("line one\nline two")
    expect(page.locator(".msg.assistant")).to_have_text(REPLY_EN)


def test_crisis_banner_without_a_model_call(serve, open_page) -> None:
    model = counsellor_double()
    server = serve(model)
    page = open_page(server, locale="en-US", extra_http_headers={"accept-language": "en-US"})
    from playwright.sync_api import expect

    assert page.locator("#crisis").is_hidden()
    send(page, "I want to kill myself tonight. I have the pills ready.")
    expect(page.locator("#crisis")).to_be_visible()
    expect(page.locator("#crisis-lines")).to_contain_text("988")
    expect(page.locator(".msg.assistant.safety")).to_have_count(1)
    assert model.calls == []


def test_thought_record_fills_in_guided_mode(serve, open_page) -> None:
    server = serve(crdial_teacher_double(goal_after=1))
    page = open_page(server)
    from playwright.sync_api import expect

    page.check("#guided")
    expect(page.locator("#thought-record")).to_be_visible()
    send(page, "My advisor keeps criticising my thesis.")
    expect(page.locator("#tr-step")).to_contain_text("automatic_thought")
    expect(page.locator("#send")).to_be_enabled()
    send(page, "I think I am just not good enough.")
    expect(page.locator("#tr-automatic")).to_have_text("My work will never be good enough.")
    expect(page.locator("#tr-step")).to_contain_text("intermediate_belief")
    expect(page.locator("#send")).to_be_enabled()
    send(page, "Every comment hurts.")
    expect(page.locator("#tr-belief")).to_have_text("If I make mistakes, then I am a failure.")
    assert page.errors == []


def test_delete_a_stored_conversation(serve, open_page) -> None:
    server = serve()
    page = open_page(server)
    from playwright.sync_api import expect

    page.fill("#username", "sam")
    page.fill("#password", "correct horse battery")
    page.click("#register")
    expect(page.locator("#who")).to_have_text("sam")
    page.fill("#retention-days", "7")
    with page.expect_response("**/web/history"):
        page.press("#retention-days", "Tab")
    with page.expect_response("**/web/history"):
        page.check("#keep-history")
    expect(page.locator("#history")).to_be_visible()
    send(page, "My sister never calls me back.")
    expect(page.locator("#conversations li")).to_have_count(1)
    expect(page.locator("#conversations li button.open")).to_have_text("My sister never calls me back.")
    page.click("#conversations li button.delete")
    expect(page.locator("#conversations li")).to_have_count(0)
    from crisp.serve import store

    engine = server.app.state.serve.engine
    account = store.password_hash_for(engine, "sam")[0]
    assert store.list_conversations(engine, account.id) == []
    assert account.keep_history and account.retention_days == 7


def test_xss_payload_renders_inert(serve, open_page) -> None:
    server = serve(echo_double())
    page = open_page(server)
    from playwright.sync_api import expect

    payload = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>'
    send(page, payload)
    expect(page.locator(".msg.assistant")).to_have_text("You said: " + payload)
    expect(page.locator(".msg.user")).to_have_text(payload)
    assert page.evaluate("window.__xss") is None
    assert page.locator(".msg img, .msg script").count() == 0


def test_chinese_interface_and_phone_width(serve, open_page) -> None:
    server = serve()
    page = open_page(server, viewport={"width": 375, "height": 740})
    page.select_option("#lang", "zh")
    from playwright.sync_api import expect

    expect(page.locator("#send")).to_have_text("发送")
    expect(page.locator("#notice")).to_contain_text("不是心理治疗师")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert page.locator("label[for='message']").count() == 1
    send(page, "你好")
    expect(page.locator(".msg.assistant")).to_have_text(REPLY_EN)


def test_the_page_shows_its_place_in_the_line(serve, open_page) -> None:
    server = serve(SlowStreamingCounsellorDouble(word_delay_s=0.25), slots=1)
    first, second = open_page(server), open_page(server)
    from playwright.sync_api import expect

    send(first, "I failed my driving test again.")
    expect(first.locator(".msg.assistant")).not_to_have_text("")
    send(second, "My sister never calls me back.")
    expect(second.locator("#waiting")).to_have_text("Waiting for Peppy: 1 ahead of you…")
    expect(second.locator(".msg.assistant")).to_have_text(REPLY_EN)
    expect(second.locator("#waiting")).to_be_hidden()
