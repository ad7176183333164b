"""Compression and caching over real HTTP (issue 12, item 7): JS, CSS, HTML and JSON answers are sent
with br or gzip as the client accepts, the files carry an ETag and cache headers, and the URLs the
pages use name each file's version, so a new release is picked up."""
from __future__ import annotations

import gzip
import json
import re

import aiohttp
import brotli
import pytest
from channels_support import make_engine, make_settings

from bot.web.app import create_app
from bot.web.assets import Assets, accepted_codings, pick_coding


@pytest.fixture
async def http(aiohttp_server, tmp_path, store):
    server = await aiohttp_server(create_app(make_settings(tmp_path), engine=make_engine(store), store=store))
    async with aiohttp.ClientSession(str(server.make_url("")), auto_decompress=False,
                                     headers={"Accept-Encoding": "identity"}) as session:
        yield session


def decoded(coding: str | None, raw: bytes) -> bytes:
    return {"br": brotli.decompress, "gzip": gzip.decompress, None: lambda b: b}[coding](raw)


@pytest.mark.parametrize("path", ["/widget.js", "/widget.css", "/static/page.css", "/static/staff.js", "/"])
@pytest.mark.parametrize("accept,coding", [("gzip", "gzip"), ("gzip, deflate, br", "br"), ("br;q=0, gzip", "gzip"), ("", None)])
async def test_files_and_pages_are_compressed_as_the_client_accepts(http, path, accept, coding):
    if path == "/" and coding == "br":
        coding = "gzip"  # a page is made per request: gzip first (as fast, as small)
    async with http.get(path) as plain:
        identity = await plain.read()
    async with http.get(path, headers={"Accept-Encoding": accept}) as response:
        raw = await response.read()
        assert response.status == 200
        assert response.headers.get("Content-Encoding") == coding
        assert "Accept-Encoding" in response.headers.getall("Vary", [])
        assert decoded(coding, raw) == identity
        if coding:
            assert len(raw) < len(identity) * 0.8, (path, len(raw), len(identity))
            assert int(response.headers["Content-Length"]) == len(raw)


async def test_a_long_json_answer_is_compressed_and_a_short_one_is_not(http):
    body = {"session": "zip", "text": "시각장애 중증이면 1차 시험시간 몇 분?"}
    async with http.post("/api/v1/chat", json=body, headers={"Accept-Encoding": "gzip"}) as response:
        raw = await response.read()
        assert response.headers["Content-Encoding"] == "gzip" and response.content_type == "application/json"
        answer = json.loads(gzip.decompress(raw))
        assert "1.7배" in answer["replies"][0]["text"]
    async with http.post("/api/v1/chat", json={"session": "zip", "text": "처음으로"}, headers={"Accept-Encoding": "gzip, br"}) as response:
        raw = await response.read()
        assert len(raw) < 1024 and "Content-Encoding" not in response.headers  # fits in one packet anyway
        assert json.loads(raw)["replies"]
    async with http.get("/openapi.json", headers={"Accept-Encoding": "br"}) as response:  # br when gzip is not accepted
        assert response.headers["Content-Encoding"] == "br"
        assert json.loads(brotli.decompress(await response.read()))["openapi"].startswith("3.")


async def test_files_carry_an_etag_and_a_short_cache_unless_their_url_names_the_version(http):
    async with http.get("/widget.js") as response:
        etag = response.headers["ETag"]
        assert response.headers["Cache-Control"] == "public, max-age=300"  # the URL exam sites embed
        script = (await response.read()).decode("utf-8")
    async with http.get("/widget.js", headers={"If-None-Match": etag}) as response:
        assert response.status == 304 and response.headers["ETag"] == etag
        assert await response.read() == b""
    stylesheet = re.search(r'"(/widget\.css\?v=[0-9a-f]{16})"', script).group(1)  # widget.js names its CSS version
    async with http.get(stylesheet) as response:
        assert response.status == 200 and response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    async with http.get("/widget.css?v=0000000000000000") as response:  # an old release's URL
        assert response.headers["Cache-Control"] == "public, max-age=300"
    async with http.get("/") as response:
        page = (await response.read()).decode("utf-8")
    for url in re.findall(r'(?:src|href)="(/[^"]+)"', page):
        assert "?v=" in url, url
        async with http.get(url) as response:
            assert response.status == 200 and "immutable" in response.headers["Cache-Control"]
    async with http.get("/static/nothing.js") as response:
        assert response.status == 404


def test_a_changed_stylesheet_changes_the_version_of_the_script_that_loads_it():
    script = b'var css = BASE + "/widget.css";'
    before = Assets({"widget.js": script, "widget.css": b".a { color: red }"})
    after = Assets({"widget.js": script, "widget.css": b".a { color: blue }"})
    assert before.get("widget.js").version != after.get("widget.js").version
    assert before.get("widget.js").bodies["identity"].decode() == f'var css = BASE + "/widget.css?v={before.get("widget.css").version}";'
    assert before.versioned('<link href="/static/unknown.css">') == '<link href="/static/unknown.css">'


@pytest.mark.parametrize("header,expected", [
    ("gzip, deflate, br", {"gzip", "deflate", "br"}), ("br;q=0, gzip;q=0.5", {"gzip"}), ("*", {"*"}),
    ("GZIP", {"gzip"}), ("gzip;q=abc", set()), ("", set()),
])
def test_accept_encoding_is_read_with_its_weights(header, expected):
    assert accepted_codings(header) == expected


def test_the_first_preferred_coding_the_client_accepts_wins():
    assert pick_coding("gzip, br", ("br", "gzip")) == "br"
    assert pick_coding("gzip, br", ("gzip", "br")) == "gzip"
    assert pick_coding("*", ("gzip",)) == "gzip"
    assert pick_coding("identity", ("br", "gzip")) == "identity"
