"""The widget on a phone and zoomed in, in Chromium with a Korean font: the conversation gets the
room, the quick replies one sideways-scrolling row, the title breaks only between words, nothing
needed leaves the screen at 200% and 400% zoom, and the newest answer opens at its first line, also
after a reload (issue 12, items 1–3)."""
from __future__ import annotations

import pytest
from channels_browser_support import (
    BROKEN_WORDS,
    BROWSER_MARKS,
    FIRST_LINE_VISIBLE,
    LONG_QUESTION,
    bot_bubbles,
    expect,
    phone_page,
    shot,
    zoomed_page,
)

pytestmark = BROWSER_MARKS


async def ask(page, text: str) -> None:
    count = await bot_bubbles(page).count()
    box = page.get_by_label("질문 입력")
    await box.fill(text)
    await box.press("Enter")
    await expect(bot_bubbles(page)).not_to_have_count(count)
    await expect(page.locator(".typing.on")).to_have_count(0)  # the whole turn is on screen


async def open_floating(page, url: str) -> None:
    await page.goto(url)
    await page.get_by_role("button", name="시험 안내 챗봇").click()
    await expect(page.get_by_role("button", name="수수료 환불 계산")).to_be_visible()


@pytest.mark.parametrize("width,height", [(320, 568), (360, 640)])
async def test_on_a_phone_the_conversation_gets_the_room(browser, exam_site, width, height):
    page = await phone_page(browser, width, height)
    await open_floating(page, exam_site.embed("phone"))
    panel = await page.locator(".panel").bounding_box()
    assert (panel["width"], panel["height"]) == (width, height)  # full screen
    # focus went into the panel, but not to the box: that would pop the keyboard over half of it
    await expect(page.get_by_role("log", name="대화 내용")).to_be_focused()
    conversation = await page.locator(".messages").bounding_box()
    assert conversation["height"] >= panel["height"] / 2, (conversation, panel)

    choices = page.locator(".choices .choice")
    assert await choices.count() >= 6
    rows = {round((await choices.nth(i).bounding_box())["y"]) for i in range(await choices.count())}
    assert len(rows) == 1, f"the quick replies take {len(rows)} rows"
    row = page.locator(".choices")
    assert await row.evaluate("e => e.scrollWidth > e.clientWidth && getComputedStyle(e).overflowX === 'auto'")
    await choices.last.scroll_into_view_if_needed()  # the row scrolls sideways to its last button
    await expect(choices.last).to_be_in_viewport(ratio=1)

    assert await page.locator("#ab-title").evaluate(BROKEN_WORDS) == []
    await shot(page, f"widget-phone-{width}x{height}", None)


@pytest.mark.parametrize("zoom", [2, 4])
@pytest.mark.parametrize("form", ["floating", "inline"])
async def test_at_200_and_400_percent_zoom_nothing_needed_leaves_the_screen(browser, exam_site, zoom, form):
    page = await zoomed_page(browser, zoom)
    if form == "floating":
        await open_floating(page, exam_site.embed("zoomed"))
    else:
        await page.goto(exam_site.bot_url + "/")
        await expect(page.get_by_role("button", name="수수료 환불 계산")).to_be_attached()
    await ask(page, LONG_QUESTION)
    if form == "inline":  # the page scrolls; the widget has to fit once scrolled to
        await page.locator(".panel").evaluate("panel => panel.scrollIntoView({ block: 'start' })")
    box = page.get_by_label("질문 입력")
    await box.focus()
    needed = [page.get_by_role("button", name="새 대화"), box, page.get_by_role("button", name="보내기")]
    if form == "floating":
        needed.append(page.get_by_role("button", name="챗봇 닫기"))
    for part in needed:
        await expect(part).to_be_in_viewport(ratio=1)
    assert await page.evaluate(FIRST_LINE_VISIBLE), "the newest answer's first line is out of view"
    assert await page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")  # no sideways page scroll
    if zoom == 2:  # at 200% the conversation still gets half of the panel
        panel = await page.locator(".panel").bounding_box()
        conversation = await page.locator(".messages").bounding_box()
        assert conversation["height"] >= panel["height"] / 2, (conversation, panel)
    else:  # at 400% the panel scrolls as a whole: the quick replies are reached by scrolling to them
        await page.get_by_role("button", name="2차 시험으로 계산").scroll_into_view_if_needed()
        await expect(page.get_by_role("button", name="2차 시험으로 계산")).to_be_in_viewport(ratio=1)
        for part in needed:
            await expect(part).to_be_in_viewport(ratio=1)
    await shot(page, f"widget-zoom-{zoom * 100}-{form}", None)


async def test_a_long_answer_opens_at_its_first_line(browser, exam_site):
    page = await phone_page(browser, 360, 640)
    await open_floating(page, exam_site.embed("long"))
    await ask(page, LONG_QUESTION)
    assert await page.evaluate(FIRST_LINE_VISIBLE), "the list jumped to the end of the answer"
    await expect(bot_bubbles(page).last).to_contain_text("1.7배")
    await shot(page, "widget-long-answer", None)


async def test_after_a_reload_the_latest_answer_and_its_buttons_are_in_view(browser, exam_site):
    page = await phone_page(browser, 360, 640)
    await open_floating(page, exam_site.embed("reload"))
    for question in ("환불", "1차", "오늘", LONG_QUESTION):  # a transcript many screens long
        await ask(page, question)
    await page.reload()
    await expect(page.get_by_role("dialog")).to_be_visible()  # it was open: it opens again
    await expect(bot_bubbles(page).last).to_contain_text("1.7배")
    await page.wait_for_function(FIRST_LINE_VISIBLE)  # once the stylesheet has laid the panel out
    for name in ("2차 시험으로 계산", "도움이 됐어요", "처음으로"):
        button = page.get_by_role("button", name=name)
        await button.scroll_into_view_if_needed()
        await expect(button).to_be_in_viewport(ratio=1)
    assert await page.evaluate(FIRST_LINE_VISIBLE)  # scrolling the row to the buttons moved nothing else
