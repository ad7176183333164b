"""When a message cannot be sent (issue 12, item 4, and the disallowed origin of item 7): the typed
text stays, the question is marked as not sent with a "다시 보내기" that works once the server is
back, and no error text is stored in the transcript; a site that is not allowed is told, in the
console, which origin to allow."""
from __future__ import annotations

import json

from channels_browser_support import BROWSER_MARKS, bot_bubbles, expect, shot
from channels_support import make_engine, make_settings

from bot.web.app import create_app

pytestmark = BROWSER_MARKS
QUESTION = "토익 2021년 3월 750점 인정돼요?"


async def transcript(page) -> list[dict]:
    stored = await page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('applicant-bot:')).map(k => localStorage[k])")
    assert len(stored) == 1
    return json.loads(stored[0])["messages"]


async def test_a_failed_send_keeps_the_text_and_sends_it_again_once_the_server_is_back(browser, aiohttp_server, tmp_path, store):
    settings = make_settings(tmp_path)
    bot = await aiohttp_server(create_app(settings, engine=make_engine(store), store=store))
    page = await browser.new_page(viewport={"width": 900, "height": 800})
    await page.goto(str(bot.make_url("/")))
    await expect(page.get_by_role("button", name="수수료 환불 계산")).to_be_visible()
    greeting = await transcript(page)

    port = bot.port
    await bot.close()  # the server is stopped
    box = page.get_by_label("질문 입력")
    await box.fill(QUESTION)
    await box.press("Enter")
    failed = page.locator("li.msg.user.failed")
    await expect(failed).to_contain_text(QUESTION)
    await expect(failed).to_contain_text("보내지 못했어요")
    await expect(box).to_have_value(QUESTION)  # what was typed is still there
    await expect(page.get_by_role("button", name="수수료 환불 계산")).to_be_visible()  # so are the quick replies
    assert await transcript(page) == greeting  # neither the question nor the error was stored
    await shot(page, "widget-send-failed", page.locator(".panel"))

    await aiohttp_server(create_app(settings, engine=make_engine(store), store=store), port=port)  # back
    await failed.get_by_role("button", name="다시 보내기").click()
    await expect(bot_bubbles(page).last).to_contain_text("TOEIC 750점")
    await expect(page.locator("li.msg.failed")).to_have_count(0)
    await expect(page.locator("li.msg.user .bubble")).to_have_text([QUESTION])
    await expect(box).to_have_value("")  # sent: the box no longer holds it
    stored = await transcript(page)
    assert [m["who"] for m in stored] == ["bot", "user", "bot"] and stored[1]["text"] == QUESTION
    assert not any("연결에 문제" in m["text"] or "보내지 못했어요" in m["text"] for m in stored)

    await page.reload()
    await expect(page.locator("li.msg.user .bubble")).to_have_text([QUESTION])
    await expect(page.locator("li.msg.system")).to_have_count(0)


async def test_sending_the_restored_text_again_replaces_the_failed_copy(browser, aiohttp_server, tmp_path, store):
    settings = make_settings(tmp_path)
    bot = await aiohttp_server(create_app(settings, engine=make_engine(store), store=store))
    page = await browser.new_page()
    await page.goto(str(bot.make_url("/")))
    await expect(page.get_by_role("button", name="수수료 환불 계산")).to_be_visible()
    port = bot.port
    await bot.close()
    await page.get_by_role("button", name="수수료 환불 계산").click()  # a quick reply fails too
    await expect(page.locator("li.msg.user.failed")).to_contain_text("수수료 환불 계산")
    await expect(page.get_by_label("질문 입력")).to_have_value("")  # a pressed button is not put in the box
    await aiohttp_server(create_app(settings, engine=make_engine(store), store=store), port=port)
    await page.get_by_role("button", name="수수료 환불 계산").click()  # pressed again, now it goes
    await expect(bot_bubbles(page).last).to_contain_text("언제 취소하셨나요")
    await expect(page.locator("li.msg.user .bubble")).to_have_text(["수수료 환불 계산"])


async def test_a_site_that_is_not_allowed_is_told_which_origin_to_allow(browser, aiohttp_server, tmp_path, store):
    from channels_browser_support import start_exam_site

    site = await start_exam_site(aiohttp_server, tmp_path, store, allowed_origins=("https://exam.example.kr",))
    page = await browser.new_page()
    url = site.embed("elsewhere")
    await page.goto(url)
    async with page.expect_console_message(lambda m: "APPLICANT_BOT_ALLOWED_ORIGINS" in m.text) as message:
        await page.get_by_role("button", name="시험 안내 챗봇").click()
    text = (await message.value).text
    assert (await message.value).type == "error"
    assert f"APPLICANT_BOT_ALLOWED_ORIGINS={site.origin}" in text, text
    # the applicant gets the plain notice with the help desk, and a way to try again
    notice = page.locator("li.msg.system")
    await expect(notice.locator(".bubble")).to_contain_text("연결에 문제가 있어요")
    await expect(notice.locator(".bubble")).to_contain_text("1644-8000")
    await expect(notice.get_by_role("button", name="다시 시도")).to_be_visible()
    assert await transcript(page) == []
    assert store.messages() == []
