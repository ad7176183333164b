"""Helpers of the browser tests: Debian's `chromium` driven by Playwright (from PyPI, through
``executable_path``), axe-core (npm, installed into the venv by scripts/test.sh) run inside the page,
and an exam site that embeds the widget from the bot on another origin.

The browser tests are skipped, with the reason, when Chromium, Playwright or axe-core is missing;
.ci/run sets REQUIRE_BROWSER_TESTS=1, so CI runs them for real or fails. CHROMIUM_PATH picks another
binary, AXE_CORE_JS another axe.min.js. Set CHANNELS_SCREENSHOT_DIR to keep PNG screenshots.

Zoom is emulated the way Chromium zooms a page: at 200% a 1280×720 window lays the page out in
640×360 CSS pixels with two device pixels to each (``zoomed_context``).
"""
from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from aiohttp import web
from channels_support import make_engine, make_settings

from bot.web.app import create_app

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
AXE_JS = Path(os.environ.get("AXE_CORE_JS") or Path(sys.prefix) / "share/axe/node_modules/axe-core/axe.min.js")
try:
    from playwright.async_api import async_playwright, expect  # noqa: F401  (expect: for the tests)
except ImportError:  # pragma: no cover - the test extra installs it
    async_playwright = None

# CI sets REQUIRE_BROWSER_TESTS=1: there a missing browser is a failure, not a skip.
REQUIRED = os.environ.get("REQUIRE_BROWSER_TESTS") == "1"
BROWSER_MARKS = [
    pytest.mark.browser,
    pytest.mark.skipif(async_playwright is None and not REQUIRED, reason="playwright is not installed (pip install -e '.[test]')"),
    pytest.mark.skipif(not Path(CHROMIUM).exists() and not REQUIRED, reason=f"no Chromium at {CHROMIUM} (apt-get install chromium)"),
]
AXE_MARK = pytest.mark.skipif(not AXE_JS.exists() and not REQUIRED, reason=f"no axe-core at {AXE_JS} (bash scripts/test.sh installs it)")

STAFF_TOKEN = "staff-token-for-browser-tests"
SHOTS = os.environ.get("CHANNELS_SCREENSHOT_DIR")
PHONE = {"is_mobile": True, "has_touch": True, "device_scale_factor": 2}
LONG_QUESTION = "시각장애 중증이면 1차 시험시간 몇 분?"  # an answer of about 1,200 characters


async def shot(page, name: str, part=None) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        path = str(Path(SHOTS) / f"{name}.png")
        if part is not None:
            await part.screenshot(path=path)
        else:
            await page.screenshot(path=path, full_page=True)


def bot_bubbles(page):
    return page.locator("li.msg.bot .bubble")


async def phone_page(browser, width: int, height: int, **options):
    context = await browser.new_context(viewport={"width": width, "height": height}, **PHONE, **options)
    return await context.new_page()


async def zoomed_page(browser, zoom: int, **options):
    """A 1280×720 window at ``zoom`` × 100 %."""
    context = await browser.new_context(viewport={"width": 1280 // zoom, "height": 720 // zoom},
                                        device_scale_factor=zoom, **options)
    return await context.new_page()


@dataclass
class ExamSite:
    """An exam site on 127.0.0.1 whose pages embed the widget from the bot on localhost (another origin)."""

    origin: str
    bot_url: str = ""
    bot: object = None
    pages: dict[str, str] = field(default_factory=dict)

    def embed(self, name: str, *, css: str = "", body: str = "<h1>큐넷 감정평가사</h1><p>본문</p>", script_attrs: str = "") -> str:
        self.pages[name] = (
            "<!doctype html><html lang=ko><head><meta charset=utf-8>"
            "<meta name=viewport content='width=device-width, initial-scale=1'><title>시험 안내</title>"
            f"<style>{css}</style></head><body>{body}"
            f'<script src="{self.bot_url}/widget.js" {script_attrs} defer></script></body></html>'
        )
        return f"{self.origin}/{name}"


async def start_exam_site(aiohttp_server, tmp_path, store, **settings) -> ExamSite:
    app = web.Application()
    site = ExamSite(origin="")

    async def page(request: web.Request) -> web.Response:
        if request.match_info["name"] not in site.pages:
            raise web.HTTPNotFound()
        return web.Response(text=site.pages[request.match_info["name"]], content_type="text/html")

    app.router.add_get("/{name}", page)
    server = await aiohttp_server(app)
    site.origin = f"http://127.0.0.1:{server.port}"
    settings.setdefault("allowed_origins", (site.origin,))
    bot_settings = make_settings(tmp_path, staff_token=STAFF_TOKEN, **settings)
    site.bot = await aiohttp_server(create_app(bot_settings, engine=make_engine(store), store=store))
    site.bot_url = f"http://localhost:{site.bot.port}"
    return site


async def axe_problems(page) -> list[dict]:
    """axe-core's serious and critical violations on the page as it is now (shadow DOM included)."""
    if not await page.evaluate("typeof window.axe !== 'undefined'"):
        await page.add_script_tag(content=AXE_JS.read_text(encoding="utf-8"))
    return await page.evaluate("""async () => {
        const result = await axe.run(document, { resultTypes: ["violations"] });
        return result.violations.filter(v => v.impact === "serious" || v.impact === "critical")
            .map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(" ")).slice(0, 5) }));
    }""")


# Whether the first line of the newest answer can be seen: the topmost element at that line's
# middle is the answer itself (not a pinned header over it, nor outside the scrolled view).
FIRST_LINE_VISIBLE = """() => {
    const root = document.querySelector("[data-applicant-bot]").shadowRoot;
    const items = [...root.querySelectorAll("li.msg")];
    let i = items.length - 1;
    while (i >= 0 && !items[i].classList.contains("user")) i--;
    const answer = items[i + 1].querySelector(".bubble");
    const walker = document.createTreeWalker(answer, NodeFilter.SHOW_TEXT);
    let text = walker.nextNode();
    while (text && !text.textContent.trim()) text = walker.nextNode();
    const range = document.createRange();
    range.setStart(text, 0);
    range.setEnd(text, 1);
    const line = range.getBoundingClientRect();
    const hit = root.elementFromPoint(line.left + line.width / 2, line.top + line.height / 2);
    return hit !== null && answer.contains(hit);
}"""

# The words of the element's text that are laid out over more than one line.
BROKEN_WORDS = """(element) => {
    const node = element.firstChild, broken = [];
    let at = 0;
    for (const word of node.textContent.split(" ")) {
        if (word) {
            const range = document.createRange();
            range.setStart(node, at);
            range.setEnd(node, at + word.length);
            if (new Set([...range.getClientRects()].map(r => Math.round(r.top))).size > 1) broken.push(word);
        }
        at += word.length + 1;
    }
    return broken;
}"""
