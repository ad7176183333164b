"""The widget and the staff page in a real headless Chromium against the real app and engine on
loopback (how the browser is found and skipped: channels_browser_support.py).
"""
from __future__ import annotations

from aiohttp import web
from channels_browser_support import BROWSER_MARKS, STAFF_TOKEN, bot_bubbles, expect, shot
from channels_support import make_engine, make_settings

from bot.web.app import create_app

pytestmark = BROWSER_MARKS
XSS = '<script>window.__xss = 1</script><img src=x onerror="window.__xss = 2">'


async def test_widget_question_buttons_reload_and_text_only(browser, bot_server):
    page = await browser.new_page(viewport={"width": 1100, "height": 900})
    await page.goto(str(bot_server.make_url("/")))
    # the greeting with the topic menu arrives by itself
    await expect(bot_bubbles(page).first).to_contain_text("1644-8000")
    await expect(page.get_by_role("button", name="수수료 환불 계산")).to_be_visible()

    box = page.get_by_label("질문 입력")
    await box.fill("환불")
    await box.press("Enter")
    await expect(page.locator("li.msg.user .bubble").last).to_have_text("환불")
    await expect(bot_bubbles(page).last).to_contain_text("언제 취소하셨나요")
    await expect(box).to_be_focused()  # typing can go on at once

    await box.fill("1차요")
    await box.press("Enter")
    await expect(bot_bubbles(page).last).to_contain_text("1차 시험 접수를 언제")
    await page.get_by_role("button", name="오늘", exact=True).click()
    answer = bot_bubbles(page).last
    await expect(answer).to_contain_text("20,000원")
    await expect(answer).to_contain_text("근거: 9. 라. 수수료 환불")
    await expect(page.get_by_role("button", name="도움이 됐어요")).to_be_visible()  # 👍, named in Korean
    await shot(page, "widget-answer")

    count = await bot_bubbles(page).count()
    await page.reload()
    await expect(bot_bubbles(page)).to_have_count(count)  # no second greeting, nothing lost
    await expect(bot_bubbles(page).last).to_contain_text("20,000원")
    await expect(page.get_by_role("button", name="도움이 됐어요")).to_be_visible()  # the last answer's buttons too

    await box.fill(XSS)
    await box.press("Enter")
    await expect(page.locator("li.msg.user .bubble").last).to_have_text(XSS)
    await expect(bot_bubbles(page).last).to_contain_text("<script>window.__xss = 1</script>")
    assert await page.evaluate("window.__xss") is None
    assert await page.locator(".messages script, .messages img").count() == 0
    await shot(page, "widget-script-as-text")


async def test_widget_is_accessible_by_keyboard_and_screen_reader(browser, bot_server):
    page = await browser.new_page()
    await page.goto(str(bot_server.make_url("/")))
    log = page.get_by_role("log", name="대화 내용")
    await expect(log).to_have_attribute("aria-live", "polite")
    await expect(page.get_by_role("status").first).to_be_attached()  # the typing indicator speaks
    await expect(page.get_by_role("button", name="수수료 환불 계산")).to_be_visible()
    # Tab reaches the topic buttons; Enter presses one
    button = page.get_by_role("button", name="수수료 환불 계산")
    await button.focus()
    await page.keyboard.press("Enter")
    await expect(bot_bubbles(page).last).to_contain_text("언제 취소하셨나요")
    # Shift+Enter is a new line, not a send
    box = page.get_by_label("질문 입력")
    await box.fill("첫 줄")
    await box.press("Shift+Enter")
    await expect(box).to_have_value("첫 줄\n")


async def test_embedded_widget_on_an_exam_site(browser, aiohttp_server, tmp_path, store):
    exam_site = web.Application()
    bot_holder: dict = {}

    async def page_handler(request):
        return web.Response(content_type="text/html", text=(
            "<!doctype html><html lang=ko><head><meta charset=utf-8><title>시험 안내</title>"
            "<style>button{background:red!important} li{display:none!important}</style></head>"
            "<body><h1>큐넷 감정평가사</h1><p>본문</p>"
            f'<script src="{bot_holder["url"]}/widget.js" defer></script></body></html>'
        ))

    exam_site.router.add_get("/", page_handler)
    site = await aiohttp_server(exam_site)
    site_origin = f"http://127.0.0.1:{site.port}"
    settings = make_settings(tmp_path, allowed_origins=(site_origin,))
    bot = await aiohttp_server(create_app(settings, engine=make_engine(store), store=store))
    bot_holder["url"] = f"http://localhost:{bot.port}"  # another origin than the exam site

    page = await browser.new_page(viewport={"width": 375, "height": 667})  # a phone
    await page.goto(f"{site_origin}/")
    launcher = page.get_by_role("button", name="시험 안내 챗봇")
    await expect(launcher).to_have_attribute("aria-expanded", "false")
    await launcher.click()
    panel = page.get_by_role("dialog", name="감정평가사 시험 안내 챗봇")
    await expect(panel).to_be_visible()
    await expect(bot_bubbles(page).first).to_be_visible()  # the site's "li {display:none}" does not reach in
    box = await panel.bounding_box()
    assert box["width"] == 375  # full screen on a phone
    await expect(page.get_by_label("질문 입력")).to_be_focused()
    await page.get_by_label("질문 입력").fill("환불")
    await page.get_by_label("질문 입력").press("Enter")
    await expect(bot_bubbles(page).last).to_contain_text("언제 취소하셨나요")  # cross-origin, allowed by CORS
    await shot(page, "widget-embedded-phone")
    await page.keyboard.press("Escape")
    await expect(panel).to_be_hidden()
    await expect(launcher).to_be_focused()


async def test_embedded_widget_on_a_site_not_allowed(browser, aiohttp_server, tmp_path, store):
    exam_site = web.Application()
    holder: dict = {}

    async def page_handler(request):
        return web.Response(content_type="text/html", text=(
            f'<!doctype html><html><body><script src="{holder["url"]}/widget.js"></script></body></html>'))

    exam_site.router.add_get("/", page_handler)
    site = await aiohttp_server(exam_site)
    bot = await aiohttp_server(create_app(make_settings(tmp_path), engine=make_engine(store), store=store))
    holder["url"] = f"http://localhost:{bot.port}"
    page = await browser.new_page()
    await page.goto(f"http://127.0.0.1:{site.port}/")
    await page.get_by_role("button", name="시험 안내 챗봇").click()
    # the server refuses the preflight (403); the browser hides why, the widget says it plainly
    await expect(page.locator("li.msg.system .bubble").first).to_contain_text("연결에 문제가 있어요")
    await expect(page.locator("li.msg.system .bubble").first).to_contain_text("1644-8000")
    assert store.messages() == []


async def test_staff_login_search_calculator_and_copy(browser, bot_server, store):
    context = await browser.new_context(viewport={"width": 1280, "height": 1000})
    await context.grant_permissions(["clipboard-read", "clipboard-write"], origin=str(bot_server.make_url("/")).rstrip("/"))
    page = await context.new_page()
    # an applicant question the bot cannot answer, for the staff list
    await page.request.post(str(bot_server.make_url("/api/v1/chat")), data={"session": "b1", "text": "합격하면 축하금 주나요"})
    fail_a_telegram_reply(store, "환불 안내 &lt;b&gt;" + XSS.replace("<", "&lt;"))

    await page.goto(str(bot_server.make_url("/staff")))
    await page.get_by_label("직원 토큰").fill("wrong-token-wrong")
    await page.get_by_role("button", name="로그인").click()
    await expect(page.get_by_role("alert")).to_contain_text("토큰이 맞지 않아요")
    await page.get_by_label("직원 토큰").fill(STAFF_TOKEN)
    await page.get_by_role("button", name="로그인").click()
    await expect(page.get_by_role("heading", name="공고 검색")).to_be_visible()

    await page.get_by_label("검색어").fill("환블 기간")  # with a typo
    await page.get_by_role("button", name="검색", exact=True).click()
    await expect(page.locator("#results .clause").first).to_have_text("9. 라.")

    refund = page.locator('form[data-kind="refund"]')
    await refund.get_by_label("취소(신청)한 날짜").fill("2023-03-25")
    await refund.get_by_role("button", name="계산").click()
    result = refund.locator(".result")
    await expect(result.locator(".headline")).to_contain_text("환불: 50% — 20,000원")
    await expect(result.locator(".citations")).to_contain_text("9. 라.")
    await result.get_by_role("button", name="답변 복사").click()
    await expect(result.get_by_role("button", name="복사했어요 ✓")).to_be_visible()
    copied = await page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("[2023년도 제34회 공고 기준] 환불: 50% — 20,000원") and "근거:" in copied

    english = page.locator('form[data-kind="english"]')
    await english.get_by_label("시험", exact=True).fill("토익")
    await english.get_by_label("점수", exact=True).fill("650")
    await english.get_by_label("응시일", exact=True).fill("2022-05-01")
    await english.get_by_role("button", name="확인").click()
    await expect(english.locator(".headline")).to_contain_text("불인정")

    bad = page.locator('form[data-kind="id"]')
    await bad.get_by_label("신분증", exact=True).fill("모바일 운전면허증")
    await bad.get_by_role("button", name="확인").click()
    await expect(bad.locator(".headline")).to_contain_text("신분증:")

    await expect(page.locator("#unanswered-rows td.text").first).to_contain_text("축하금")
    undelivered = page.locator("#telegram-failed-rows tr").first
    await expect(undelivered).to_contain_text("사용자가 봇을 차단함")
    await expect(undelivered.locator("td.text")).to_contain_text("환불 안내 <b><script>")  # as text, never HTML
    assert await page.evaluate("window.__xss") is None
    await shot(page, "staff-page")
    await shot(page, "staff-search", page.locator("#search"))
    await shot(page, "staff-calculators", page.locator("#calculators"))
    await shot(page, "staff-unanswered", page.locator("#unanswered"))
    await context.close()


# Code points no font has (unassigned): what the browser draws for them is its "tofu" box.
TOFU = "\u0378\u0379\u0380\u0381\u0382\u0383\u038b\u038d"
HANGUL = "한글답변확인해요"  # as many syllables as TOFU has characters

# Each character drawn alone in the bubble's font: its pixels, as text, and whether any is inked.
_GLYPHS = """(bubble, chars) => {
  const canvas = document.createElement("canvas");
  canvas.width = 160; canvas.height = 80;
  const g = canvas.getContext("2d");
  return chars.map(ch => {
    g.clearRect(0, 0, canvas.width, canvas.height);
    g.font = `48px ${getComputedStyle(bubble).fontFamily}`;
    g.fillText(ch, 8, 60);
    const alpha = g.getImageData(0, 0, canvas.width, canvas.height).data.filter((_, i) => i % 4 === 3);
    return [alpha.join(","), alpha.some(a => a > 0)];
  });
}"""

_WIDTHS = """(bubble, texts) => texts.map(text => {
  const span = document.createElement("span");
  span.textContent = text;
  bubble.appendChild(span);  // the bubble's own font (the widget lives in a shadow root)
  const width = span.getBoundingClientRect().width;
  span.remove();
  return width;
})"""


async def test_hangul_renders_with_a_real_font_not_as_tofu(browser, bot_server):
    """Fails where no Korean font is installed (scripts/test.sh installs fonts-noto-cjk): Hangul would
    then be drawn as the same box as an unassigned code point, and no layout test could see a thing."""
    page = await browser.new_page(viewport={"width": 800, "height": 700})
    await page.goto(str(bot_server.make_url("/")))
    bubble = bot_bubbles(page).first
    await expect(bubble).to_contain_text("1644-8000")
    await shot(page, "widget-hangul")

    hangul_width, tofu_width = await bubble.evaluate(_WIDTHS, [HANGUL, TOFU])
    (han, han_inked), (geul, geul_inked), (tofu, _) = await bubble.evaluate(_GLYPHS, ["한", "글", TOFU[0]])
    missing = "no Korean font: install fonts-noto-cjk (scripts/test.sh does it as root)"
    assert han_inked and geul_inked, missing
    drawn_alike = {"한 = tofu": han == tofu, "글 = tofu": geul == tofu, "한 = 글": han == geul}
    assert not any(drawn_alike.values()), f"{missing}: {drawn_alike}"  # a glyph of its own each, not the box
    assert abs(hangul_width - tofu_width) > 1, f"{missing} ({hangul_width:.1f} px vs {tofu_width:.1f} px)"
    await page.close()


def fail_a_telegram_reply(store, html_text: str) -> None:
    """A reply in the outbox that Telegram refused for good (the user blocked the bot)."""
    import time

    from bot.outbox import OutboxCall

    store.outbox.stage(1, 4242, 7, [OutboxCall("sendMessage", {"chat_id": 4242, "text": html_text})])
    store.flush()
    [item] = store.outbox.claim(1, "test", now=time.time(), lease_seconds=60, limit=1)
    store.outbox.fail(item, "test", reason="blocked", error="Forbidden: bot was blocked by the user")
