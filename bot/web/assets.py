"""The widget's and the pages' files, held in memory with their gzip and brotli forms, and the
compression of every other compressible answer.

    Assets.load(directory)                 every file of bot/web/static, read once at start
    assets.versioned(text) -> str           '"/widget.css"' -> '"/widget.css?v=<hash>"' for each known file
    add_routes(app, assets)                 /widget.js, /widget.css, /static/{name}
    compress_response(request, response)    on_response_prepare: gzip (or br) for JSON and HTML answers

Caching: a URL that carries the file's current hash (``?v=…``, written into the pages and into
widget.js by ``versioned``) is immutable for a year. Any other URL (the ``/widget.js`` exam sites
embed) is fresh for five minutes and then revalidated by its ETag, so a new release reaches every
site within five minutes and an unchanged file costs a 304.

aiohttp (3.14) compresses dynamically with gzip or deflate only, and only when asked before the
response is prepared (one more middleware on every request); brotli it serves only as pre-made
``.br`` files next to a FileResponse. Here the files are compressed once at start and answers in
the response-prepare signal the app already sends. Answers are compressed from 1 KiB on (a smaller
one fits in the first TCP segment with its headers anyway) and with gzip first: on the bot's long
answers brotli at a comparable speed is no smaller (benchmarks/bench_compression.py, BENCHMARKS.md).
"""
from __future__ import annotations

import gzip
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from aiohttp import hdrs, web

try:
    import brotli
except ImportError:  # pragma: no cover - a dependency; without it answers fall back to gzip
    brotli = None

SHORT_CACHE = "public, max-age=300"
IMMUTABLE_CACHE = "public, max-age=31536000, immutable"
PUBLIC_PATHS = {"/widget.js": "widget.js", "/widget.css": "widget.css"}  # stable URLs other sites embed
CONTENT_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}
COMPRESSIBLE = frozenset({"application/json", "text/html", "text/javascript", "application/javascript",
                          "text/css", "text/plain", "image/svg+xml"})
MIN_COMPRESS_BYTES = 1024
DYNAMIC_CODINGS = ("gzip", "br") if brotli is not None else ("gzip",)  # in order of preference
DYNAMIC_GZIP_LEVEL = 6
DYNAMIC_BROTLI_QUALITY = 4
STATIC_CODINGS = ("br", "gzip")
STATIC_BROTLI_QUALITY = 5  # quality 11 is 10 % smaller and adds ~0.2 s to every start
_NAME = r"[A-Za-z0-9_.-]+"


@dataclass(frozen=True)
class Asset:
    content_type: str
    version: str  # the first 16 hex digits of the SHA-256 of the body served
    bodies: dict[str, bytes]  # by content coding: "identity", "gzip", "br"

    @property
    def etag(self) -> str:
        return f'W/"{self.version}"'  # weak: one validator for every coding of the same bytes


def _asset(name: str, body: bytes) -> Asset:
    bodies = {"identity": body, "gzip": gzip.compress(body, compresslevel=9, mtime=0)}
    if brotli is not None:
        bodies["br"] = brotli.compress(body, quality=STATIC_BROTLI_QUALITY)
    content_type = CONTENT_TYPES.get(Path(name).suffix, "application/octet-stream")
    return Asset(content_type, hashlib.sha256(body).hexdigest()[:16], bodies)


class Assets:
    def __init__(self, files: dict[str, bytes]) -> None:
        # Hashes of the files as they are, then the scripts rewritten to name those versions (widget.js
        # loads widget.css) and hashed again: any change to a file changes every URL that leads to it.
        self._by_name = {name: _asset(name, body) for name, body in files.items()}
        for name, body in files.items():
            if name.endswith(".js"):
                self._by_name[name] = _asset(name, self.versioned(body.decode("utf-8")).encode("utf-8"))

    @classmethod
    def load(cls, directory: Path) -> "Assets":
        return cls({p.name: p.read_bytes() for p in sorted(directory.iterdir()) if p.is_file()})

    def get(self, name: str) -> Asset | None:
        return self._by_name.get(name)

    def versioned(self, text: str) -> str:
        """Every quoted reference to one of these files gets ``?v=<its hash>``."""
        def add_version(match: re.Match) -> str:
            path = match.group(0)
            asset = self._by_name.get(PUBLIC_PATHS.get(path) or path.removeprefix("/static/"))
            return f"{path}?v={asset.version}" if asset is not None else path

        return re.sub(rf"""(?<=["'])(/widget\.js|/widget\.css|/static/{_NAME})(?=["'])""", add_version, text)


def accepted_codings(accept_encoding: str) -> set[str]:
    """The codings of an Accept-Encoding header with a non-zero q ("br;q=0" refuses br)."""
    codings = set()
    for part in accept_encoding.lower().split(","):
        name, _, params = part.partition(";")
        q = params.strip()
        if q.startswith("q="):
            try:
                if float(q[2:]) <= 0:
                    continue
            except ValueError:
                continue
        if name.strip():
            codings.add(name.strip())
    return codings


def pick_coding(accept_encoding: str, preferred) -> str:
    """The first coding of ``preferred`` the client accepts, else "identity"."""
    codings = accepted_codings(accept_encoding)
    for coding in preferred:
        if coding in codings or "*" in codings:
            return coding
    return "identity"


def _serve(assets: Assets, name_of):
    async def serve(request: web.Request) -> web.Response:
        asset = assets.get(name_of(request))
        if asset is None:
            raise web.HTTPNotFound()
        immutable = request.query.get("v") == asset.version
        headers = {hdrs.ETAG: asset.etag, hdrs.VARY: "Accept-Encoding",
                   hdrs.CACHE_CONTROL: IMMUTABLE_CACHE if immutable else SHORT_CACHE}
        match = request.if_none_match
        if match and any(tag.value in (asset.version, "*") for tag in match):
            return web.Response(status=304, headers=headers)
        coding = pick_coding(request.headers.get(hdrs.ACCEPT_ENCODING, ""), [c for c in STATIC_CODINGS if c in asset.bodies])
        if coding != "identity":
            headers[hdrs.CONTENT_ENCODING] = coding
        headers[hdrs.CONTENT_TYPE] = asset.content_type
        return web.Response(body=asset.bodies[coding], headers=headers)

    return serve


def add_routes(app: web.Application, assets: Assets) -> None:
    app.router.add_get("/widget.js", _serve(assets, lambda r: "widget.js"), name="widget_js")
    app.router.add_get("/widget.css", _serve(assets, lambda r: "widget.css"), name="widget_css")
    app.router.add_get(f"/static/{{path:{_NAME}}}", _serve(assets, lambda r: r.match_info["path"]), name="static")


async def compress_response(request: web.Request, response: web.StreamResponse) -> None:
    """gzip (or br) for a JSON, HTML, JS or CSS answer of 1 KiB or more, as the client accepts
    (on_response_prepare: the body is complete, the headers are not written yet)."""
    if not isinstance(response, web.Response) or hdrs.CONTENT_ENCODING in response.headers:
        return
    body = response.body
    if not isinstance(body, (bytes, bytearray)) or response.content_type not in COMPRESSIBLE:
        return
    response.headers.add(hdrs.VARY, "Accept-Encoding")
    if len(body) < MIN_COMPRESS_BYTES:
        return
    coding = pick_coding(request.headers.get(hdrs.ACCEPT_ENCODING, ""), DYNAMIC_CODINGS)
    if coding == "br":
        response.body = brotli.compress(bytes(body), quality=DYNAMIC_BROTLI_QUALITY)
    elif coding == "gzip":
        response.body = gzip.compress(body, compresslevel=DYNAMIC_GZIP_LEVEL, mtime=0)
    else:
        return
    response.headers[hdrs.CONTENT_ENCODING] = coding
    response.headers[hdrs.CONTENT_LENGTH] = str(len(response.body))
