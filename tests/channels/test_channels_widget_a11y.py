"""The widget and the staff page for keyboard and screen-reader users (issue 12, item 5): axe-core
finds no serious or critical problem on the inline and floating widget before and after a
conversation (light and dark) nor on /staff; Tab stays inside the phone's full-screen panel; 👍/👎
have Korean names; the conversation is a log that holds a real list."""
from __future__ import annotations

import pytest
from channels_browser_support import (
    AXE_MARK,
    BROWSER_MARKS,
    LONG_QUESTION,
    STAFF_TOKEN,
    axe_problems,
    bot_bubbles,
    expect,
    phone_page,
    shot,
)

pytestmark = [*BROWSER_MARKS, AXE_MARK]


async def converse(page) -> None:
    box = page.get_by_label("질문 입력")
    await page.get_by_role("button", name="수수료 환불 계산").click()
    await expect(bot_bubbles(page).last).to_contain_text("언제 취소하셨나요")
    await expect(page.get_by_role("button", name="오늘", exact=True)).to_be_visible()
    await box.fill("3월 25일")
    await box.press("Enter")
    await expect(bot_bubbles(page).last).to_contain_text("20,000원")
    await expect(page.get_by_role("button", name="도움이 됐어요")).to_be_visible()


@pytest.mark.parametrize("scheme", ["light", "dark"])
async def test_axe_finds_nothing_serious_on_the_inline_widget(browser, bot_server, scheme):
    context = await browser.new_context(bypass_csp=True, color_scheme=scheme)  # CSP would refuse the injected axe
    page = await context.new_page()
    await page.goto(str(bot_server.make_url("/")))
    await expect(page.get_by_role("button", name="수수료 환불 계산")).to_be_visible()
    assert await axe_problems(page) == []
    await converse(page)
    assert await axe_problems(page) == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
async def test_axe_finds_nothing_serious_on_the_floating_widget(browser, exam_site, scheme):
    page = await phone_page(browser, 360, 640, color_scheme=scheme)
    await page.goto(exam_site.embed("floating"))
    assert await axe_problems(page) == []  # the launcher alone
    await page.get_by_role("button", name="시험 안내 챗봇").click()
    await expect(page.get_by_role("button", name="수수료 환불 계산")).to_be_visible()
    assert await axe_problems(page) == []
    await converse(page)
    assert await axe_problems(page) == []
    await shot(page, f"widget-floating-phone-{scheme}", None)


async def test_axe_finds_nothing_serious_on_the_staff_pages(browser, bot_server):
    context = await browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 1000})
    page = await context.new_page()
    await page.request.post(str(bot_server.make_url("/api/v1/chat")), data={"session": "a11y", "text": "합격하면 축하금 주나요"})
    await page.goto(str(bot_server.make_url("/staff")))
    assert await axe_problems(page) == []  # the login form
    await page.get_by_label("직원 토큰").fill(STAFF_TOKEN)
    await page.get_by_role("button", name="로그인").click()
    await page.get_by_label("검색어").fill("환불 기간")
    await page.get_by_role("button", name="검색", exact=True).click()
    await expect(page.locator("#results .clause").first).to_be_visible()
    refund = page.locator('form[data-kind="refund"]')
    await refund.get_by_label("취소(신청)한 날짜").fill("2023-03-25")
    await refund.get_by_role("button", name="계산").click()
    await expect(refund.locator(".headline")).to_contain_text("20,000원")
    await expect(page.locator("#unanswered-rows td.text").first).to_contain_text("축하금")
    assert await axe_problems(page) == []


async def test_tab_stays_inside_the_full_screen_panel(browser, exam_site):
    page = await phone_page(browser, 360, 640)
    await page.goto(exam_site.embed("modal", body='<a href="#top">맨 위로</a><button>검색</button><input aria-label="검색어">'))
    await page.get_by_role("button", name="시험 안내 챗봇").click()
    panel = page.get_by_role("dialog", name="감정평가사 시험 안내 챗봇")
    await expect(panel).to_have_attribute("aria-modal", "true")
    await expect(page.get_by_role("button", name="수수료 환불 계산")).to_be_visible()
    in_widget = "document.activeElement && document.activeElement.matches('[data-applicant-bot]')"
    reached = set()
    for key in ["Tab"] * 14 + ["Shift+Tab"] * 14:  # more presses than there are controls, both ways
        await page.keyboard.press(key)
        assert await page.evaluate(in_widget), f"{key} left the panel for {await page.evaluate('document.activeElement.outerHTML')}"
        reached.add(await page.evaluate("document.activeElement.shadowRoot.activeElement.textContent"))
    assert {"새 대화", "×", "수수료 환불 계산", "보내기"} <= reached  # it went round, not stuck on one control
    await page.keyboard.press("Escape")
    await expect(page.get_by_role("button", name="시험 안내 챗봇")).to_be_focused()
    await page.keyboard.press("Tab")  # closed, the page is the page again
    assert not await page.evaluate(in_widget)


async def test_on_a_wide_screen_the_floating_panel_is_not_modal(browser, exam_site):
    page = await browser.new_page(viewport={"width": 1280, "height": 800})
    await page.goto(exam_site.embed("wide", body='<a href="#top">맨 위로</a>'))
    await page.get_by_role("button", name="시험 안내 챗봇").click()
    await expect(page.get_by_role("dialog")).not_to_have_attribute("aria-modal", "true")
    await page.get_by_role("link", name="맨 위로").focus()  # the page beside the panel stays usable
    await expect(page.get_by_role("link", name="맨 위로")).to_be_focused()


async def test_thumbs_have_korean_names_and_the_log_holds_a_list(browser, bot_server):
    page = await browser.new_page()
    await page.goto(str(bot_server.make_url("/")))
    await page.get_by_label("질문 입력").fill(LONG_QUESTION)
    await page.get_by_label("질문 입력").press("Enter")
    up, down = page.get_by_role("button", name="도움이 됐어요"), page.get_by_role("button", name="도움이 안 됐어요")
    await expect(up).to_have_text("👍")
    await expect(down).to_have_text("👎")
    log = page.get_by_role("log", name="대화 내용")
    await expect(log.get_by_role("list")).to_have_count(1)
    await expect(log.get_by_role("listitem")).to_have_count(3)  # greeting, question, answer
    assert await page.locator("ol").evaluate_all("lists => lists.map(l => l.getAttribute('role'))") == ["list"]
    await up.click()  # the feedback still goes through as the button's text
    await expect(bot_bubbles(page).last).to_contain_text("의견")
