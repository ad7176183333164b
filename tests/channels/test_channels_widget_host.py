"""The widget on somebody else's page (issue 12, items 6 and 7): hostile host CSS leaves every
computed style of the widget as it is on a plain page, and web addresses in answers are links
built as DOM nodes (``rel="noopener noreferrer"``), never HTML from the server."""
from __future__ import annotations

import pytest
from channels_browser_support import BROWSER_MARKS, bot_bubbles, expect, phone_page, shot

pytestmark = BROWSER_MARKS

HOSTILE_CSS = (
    "* { letter-spacing: 3px; text-transform: uppercase; font-style: italic; text-align: center }"
    " div { border: 2px dashed }"
)
PROPERTIES = ("letter-spacing", "text-transform", "font-style", "text-align", "word-spacing", "text-indent",
              "font-family", "font-size", "font-weight", "line-height", "color", "border-top-style",
              "border-top-width", "border-left-style", "white-space", "direction", "visibility")
STYLES = """(properties) => {
    const host = document.querySelector("[data-applicant-bot]");
    const nodes = [host, ...host.shadowRoot.querySelectorAll("*")].filter(n => n.tagName !== "LINK" && n.tagName !== "STYLE");
    return nodes.map(n => {
        const style = getComputedStyle(n);
        return [n === host ? "host" : n.tagName + "." + n.className, ...properties.map(p => p + ": " + style.getPropertyValue(p))];
    });
}"""


async def widget_styles(browser, url: str, form: str) -> list:
    page = await phone_page(browser, 360, 640)
    await page.goto(url)
    if form == "floating":
        await page.get_by_role("button", name="시험 안내 챗봇").click()
    await expect(page.get_by_role("button", name="수수료 환불 계산")).to_be_visible()
    await shot(page, f"widget-host-css-{form}-{url.rsplit('/', 1)[1]}")
    return await page.evaluate(STYLES, list(PROPERTIES))


@pytest.mark.parametrize("form", ["floating", "inline"])
async def test_hostile_host_css_does_not_reach_the_widget(browser, exam_site, form):
    attrs = 'data-mode="inline" data-target="#chat"' if form == "inline" else ""
    body = '<h1>큐넷</h1><div id="chat"></div>'
    plain = await widget_styles(browser, exam_site.embed("plain", body=body, script_attrs=attrs), form)
    hostile = await widget_styles(browser, exam_site.embed("hostile", body=body, script_attrs=attrs, css=HOSTILE_CSS), form)
    assert len(plain) == len(hostile) > 20
    changed = [(p, h) for p, h in zip(plain, hostile) if p != h]
    assert changed == [], changed[:3]
    host_border = [line for line in hostile[0] if line.startswith("border-top-style")]
    assert host_border == ["border-top-style: none"]


async def test_web_addresses_in_answers_are_links_and_nothing_else_is(browser, bot_server):
    page = await browser.new_page()
    await page.goto(str(bot_server.make_url("/")))
    box = page.get_by_label("질문 입력")
    await box.fill("원서접수 방법")
    await box.press("Enter")
    answer = bot_bubbles(page).last
    await expect(answer).to_contain_text("인터넷으로만")
    link = answer.get_by_role("link", name="www.Q-Net.or.kr/site/value")  # the ")에서" after it is not part of it
    await expect(link).to_have_attribute("href", "https://www.Q-Net.or.kr/site/value")
    await expect(link).to_have_attribute("rel", "noopener noreferrer")
    await expect(link).to_have_attribute("target", "_blank")
    assert await answer.evaluate("b => [...b.childNodes].map(n => n.nodeName)") == ["#text", "A", "#text"]

    await box.fill("www.example.com <b>굵게</b>")  # an applicant's own text stays plain text
    await box.press("Enter")
    await expect(page.locator("li.msg.user .bubble").last).to_have_text("www.example.com <b>굵게</b>")
    assert await page.locator("li.msg.user a, li.msg b").count() == 0
