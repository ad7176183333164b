"""The OpenAPI 3.1 document served at /openapi.json: every route of the app, with its schemas.

Written by hand (the routes are few and their checks live in api.py/staff.py); a test compares the
paths here with the app's router, so a new route without documentation fails the suite.
"""
from __future__ import annotations

from typing import Any

from aiohttp import web

from ..engine import MAX_TEXT_CHARS

ERROR = {"$ref": "#/components/schemas/Error"}


def _json(schema: dict, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _errors(*codes: int) -> dict:
    text = {
        400: "Malformed JSON", 401: "Staff token missing or wrong", 403: "Origin not allowed / wrong secret",
        404: "Not found", 413: "Body too large", 415: "Content-Type is not application/json",
        422: "A field is missing, of the wrong type, empty or too long", 503: "Disabled or starting",
        429: "Rate limit (APPLICANT_BOT_RATE_LIMIT): wait the Retry-After seconds",
    }
    return {str(code): _json(ERROR, text[code]) for code in codes}


def _html(description: str) -> dict:
    return {"description": description, "content": {"text/html": {"schema": {"type": "string"}}}}


SESSION = {
    "type": "string", "pattern": "^[A-Za-z0-9_.:-]{1,100}$",
    "description": "Conversation id chosen by the client (e.g. a random UUID kept in localStorage).",
}

SCHEMAS: dict[str, Any] = {
    "ChatRequest": {
        "type": "object", "required": ["session", "text"],
        "properties": {
            "session": SESSION,
            "text": {"type": "string", "minLength": 1, "maxLength": MAX_TEXT_CHARS,
                     "description": "The applicant's message, or the text of a pressed button."},
        },
    },
    "StartRequest": {"type": "object", "required": ["session"], "properties": {"session": SESSION}},
    "Turn": {
        "type": "object", "required": ["replies", "intent", "confidence"],
        "description": "The same JSON as `applicant-bot ask --json`.",
        "properties": {
            "replies": {"type": "array", "items": {"$ref": "#/components/schemas/Reply"}},
            "intent": {"type": ["string", "null"]},
            "confidence": {"type": "number", "minimum": 0, "maximum": 1},
        },
    },
    "Reply": {
        "type": "object", "required": ["text", "buttons"],
        "properties": {
            "text": {"type": "string", "description": "Plain text; render it as text, never as HTML."},
            "buttons": {"type": "array", "items": {"type": "string"},
                        "description": "Pressing one sends its text as the next message."},
        },
    },
    "FeedbackRequest": {
        "type": "object", "required": ["session", "value"],
        "properties": {
            "session": SESSION,
            "value": {"type": "integer", "enum": [1, -1]},
            "note": {"type": ["string", "null"], "maxLength": 500},
        },
    },
    "Ok": {"type": "object", "required": ["ok"], "properties": {"ok": {"const": True}}},
    "Health": {
        "type": "object", "required": ["status"],
        "properties": {
            "status": {"enum": ["ok", "starting", "error"]}, "version": {"type": "string"},
            "exam": {"type": ["string", "null"]},
            "database": {"type": "string", "description": "ok, unknown, or why the database cannot keep what is written"},
            "telegram": {
                "type": "object", "required": ["state"],
                "description": "A Telegram outage never fails liveness: it shows here.",
                "properties": {
                    "state": {"enum": ["off", "starting", "retrying", "webhook", "polling", "error", "stopped"]},
                    "api": {"enum": ["unknown", "ok", "failing", "token_refused"],
                            "description": "How the Bot API answered the last call"},
                    "last_error": {"type": ["string", "null"]},
                    "failing_for_s": {"type": ["number", "null"]},
                    "outbox": {"type": ["object", "null"], "description": "null when the database cannot be read", "properties": {
                        "pending": {"type": "integer", "description": "Replies waiting to be delivered"},
                        "oldest_pending_age_s": {"type": ["number", "null"]},
                        "failed": {"type": "integer", "description": "Replies given up (see /staff/api/telegram/failed)"},
                    }},
                },
            },
        },
    },
    "Error": {
        "type": "object", "required": ["error", "message"],
        "properties": {
            "error": {"type": "string", "description": "Machine-readable code, e.g. invalid_json"},
            "message": {"type": "string", "description": "Korean explanation"},
            "options": {"type": "array", "items": {"type": "string"}},
            "retry_after": {"type": "integer", "description": "429 only: seconds to wait (also Retry-After)"},
        },
    },
    "SearchResults": {
        "type": "object", "required": ["query", "results"],
        "properties": {
            "query": {"type": "string"},
            "results": {"type": "array", "items": {
                "type": "object", "required": ["kind", "clause", "title", "snippet", "score"],
                "properties": {
                    "kind": {"enum": ["notice", "fact"]}, "clause": {"type": "string"},
                    "title": {"type": "string"}, "snippet": {"type": "string"},
                    "score": {"type": "number"}, "quote": {"type": "string"},
                },
            }},
        },
    },
    "CalculatorOptions": {
        "type": "object",
        "description": "The options of `applicant-bot check <kind>` by name (stage, on, reason, test, score, "
                       "taken, issued, hearing_impaired, special, country, level, document, group, disability, region …), "
                       "as staff would type them.",
        "additionalProperties": {"type": ["string", "number", "boolean", "null"]},
    },
    "CalculatorResult": {
        "type": "object", "required": ["result", "text"],
        "properties": {
            "result": {"type": "object", "required": ["explanation", "citations"],
                       "description": "The JSON of `applicant-bot check <kind> --json`."},
            "text": {"type": "string", "description": "The readable answer of `applicant-bot check <kind>`."},
        },
    },
    "TelegramFailed": {
        "type": "object", "required": ["items", "failed"],
        "properties": {
            "failed": {"type": "integer"},
            "items": {"type": "array", "items": {
                "type": "object", "required": ["id", "chat_id", "method", "text", "reason", "error"],
                "properties": {
                    "id": {"type": "integer"}, "chat_id": {"type": "integer"},
                    "update_id": {"type": ["integer", "null"]}, "method": {"type": "string"},
                    "text": {"type": "string", "description": "The reply as plain text (personal data masked)"},
                    "attempts": {"type": "integer"},
                    "reason": {"enum": ["blocked", "chat_not_found", "refused", "migrated", "gave_up"]},
                    "error": {"type": ["string", "null"], "description": "Telegram's answer to the last try"},
                    "queued_at": {"type": ["string", "null"]}, "failed_at": {"type": ["string", "null"]},
                },
            }},
        },
    },
    "Unanswered": {
        "type": "object", "required": ["items"],
        "properties": {"items": {"type": "array", "items": {
            "type": "object", "required": ["id", "session", "text", "channel", "at"],
            "properties": {"id": {"type": "integer"}, "session": {"type": "string"}, "text": {"type": "string"},
                           "channel": {"type": "string"}, "at": {"type": "string"},
                           "best_guess": {"type": ["string", "null"]}, "reason": {"type": ["string", "null"]}},
        }}},
    },
}

STAFF_SECURITY = [{"staffBearer": []}, {"staffCookie": []}]


def _paths() -> dict[str, Any]:
    json_body = lambda name: {"required": True, "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{name}"}}}}  # noqa: E731
    ref = lambda name: {"$ref": f"#/components/schemas/{name}"}  # noqa: E731
    return {
        "/api/v1/chat": {"post": {
            "summary": "Send one message (or a pressed button's text) and get the bot's replies",
            "operationId": "chat", "requestBody": json_body("ChatRequest"),
            "responses": {"200": _json(ref("Turn"), "The bot's turn"), **_errors(400, 403, 413, 415, 422, 429)},
        }},
        "/api/v1/start": {"post": {
            "summary": "The greeting with the topic menu (what a new widget shows first)",
            "operationId": "start", "requestBody": json_body("StartRequest"),
            "responses": {"200": _json(ref("Turn"), "The greeting"), **_errors(400, 403, 413, 415, 422, 429)},
        }},
        "/api/v1/feedback": {"post": {
            "summary": "Rate the last answer (+1 / -1)", "operationId": "feedback",
            "requestBody": json_body("FeedbackRequest"),
            "responses": {"200": _json(ref("Ok"), "Saved"), **_errors(400, 403, 413, 415, 422, 429)},
        }},
        "/healthz": {"get": {
            "summary": "Liveness and readiness", "operationId": "healthz",
            "responses": {"200": _json(ref("Health"), "Serving"), "503": _json(ref("Health"), "Starting, or the database is lost or not writable")},
        }},
        "/metrics": {"get": {
            "summary": "Prometheus metrics (text format); from this machine, or with APPLICANT_BOT_METRICS_TOKEN",
            "operationId": "metrics", "security": [{}, {"metricsBearer": []}],
            "responses": {"200": {"description": "Prometheus text exposition format", "content": {
                              "text/plain": {"schema": {"type": "string"}}}},
                          **_errors(403)},
        }},
        "/openapi.json": {"get": {
            "summary": "This document", "operationId": "openapi",
            "responses": {"200": {"description": "OpenAPI 3.1", "content": {"application/json": {"schema": {"type": "object"}}}}},
        }},
        "/": {"get": {"summary": "The chat page (the widget, full page)", "operationId": "index",
                      "responses": {"200": _html("Chat page")}}},
        "/widget.js": {"get": {
            "summary": "Embeddable widget: <script src=\".../widget.js\"></script> on any exam site",
            "operationId": "widgetJs",
            "responses": {"200": {"description": "JavaScript", "content": {  # the name depends on the platform's MIME table
                "text/javascript": {"schema": {"type": "string"}}, "application/javascript": {"schema": {"type": "string"}}}}},
        }},
        "/widget.css": {"get": {
            "summary": "The widget's styles (loaded by widget.js)", "operationId": "widgetCss",
            "responses": {"200": {"description": "CSS", "content": {"text/css": {"schema": {"type": "string"}}}}},
        }},
        "/static/{path}": {"get": {
            "summary": "Static files of the pages", "operationId": "static",
            "parameters": [{"name": "path", "in": "path", "required": True, "schema": {"type": "string"}}],
            "responses": {"200": {"description": "A file"}, "404": {"description": "No such file"}},
        }},
        "/staff": {"get": {
            "summary": "Staff page (login form until authenticated)", "operationId": "staffPage",
            "responses": {"200": _html("Staff page or login form"), "503": _html("Staff page disabled: no token configured")},
        }},
        "/staff/login": {"post": {
            "summary": "Log in with the staff token; sets an HttpOnly cookie", "operationId": "staffLogin",
            "requestBody": {"required": True, "content": {"application/x-www-form-urlencoded": {"schema": {
                "type": "object", "required": ["token"], "properties": {"token": {"type": "string"}}}}}},
            "responses": {"303": {"description": "Logged in, back to /staff"}, "401": _html("Wrong token"),
                          "403": _html("Cross-site login refused"), "503": _html("Staff page disabled"),
                          "429": _html("Too many failed attempts from this address or in total: wait Retry-After")},
        }},
        "/staff/logout": {"post": {
            "summary": "Log out: ends the session on the server and clears the cookie", "operationId": "staffLogout",
            "responses": {"303": {"description": "Back to /staff"}},
        }},
        "/staff/api/search": {"get": {
            "summary": "Fuzzy Korean search over the whole notice and the facts", "operationId": "staffSearch",
            "security": STAFF_SECURITY,
            "parameters": [
                {"name": "q", "in": "query", "required": True, "schema": {"type": "string", "minLength": 1, "maxLength": 200}},
                {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 50, "default": 10}},
            ],
            "responses": {"200": _json(ref("SearchResults"), "Best matches first"), **_errors(401, 422, 429, 503)},
        }},
        "/staff/api/check/{kind}": {"post": {
            "summary": "Run a calculator, exactly as `applicant-bot check <kind> --json`", "operationId": "staffCheck",
            "security": STAFF_SECURITY,
            "parameters": [{"name": "kind", "in": "path", "required": True, "schema": {
                "enum": ["refund", "english", "id", "accommodation", "payment", "pass", "exemption", "office"]}}],
            "requestBody": json_body("CalculatorOptions"),
            "responses": {"200": _json(ref("CalculatorResult"), "The result with its cited clauses"),
                          **_errors(400, 401, 403, 404, 413, 415, 422, 429, 503)},
        }},
        "/staff/api/unanswered": {"get": {
            "summary": "Applicant questions the bot could not answer, newest first", "operationId": "staffUnanswered",
            "security": STAFF_SECURITY,
            "parameters": [{"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 500, "default": 100}}],
            "responses": {"200": _json(ref("Unanswered"), "Questions"), **_errors(401, 422, 429, 503)},
        }},
        "/staff/api/telegram/failed": {"get": {
            "summary": "Telegram replies that could not be delivered, newest first", "operationId": "staffTelegramFailed",
            "security": STAFF_SECURITY,
            "parameters": [{"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 500, "default": 100}}],
            "responses": {"200": _json(ref("TelegramFailed"), "Failed replies"), **_errors(401, 422, 429, 503)},
        }},
        "/telegram/webhook": {"post": {
            "summary": "Telegram updates (served only when APPLICANT_BOT_TELEGRAM_TOKEN is set)",
            "operationId": "telegramWebhook",
            "parameters": [{"name": "X-Telegram-Bot-Api-Secret-Token", "in": "header", "required": True,
                            "schema": {"type": "string"}}],
            "requestBody": {"required": True, "content": {"application/json": {"schema": {
                "type": "object", "required": ["update_id"], "properties": {"update_id": {"type": "integer"}}}}}},
            "responses": {"200": {"description": "Stored with its replies (or already taken)"},
                          **_errors(400, 403, 413, 415), "503": _json(ERROR, "Could not be stored: deliver it again"),
                          "404": _json(ERROR, "Telegram is off (no APPLICANT_BOT_TELEGRAM_TOKEN)")},
        }},
    }


def document(app: web.Application | None = None, *, version: str = "0+unknown") -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "applicant-bot",
            "version": version,
            "description": "감정평가사 시험 수험자 안내 봇 — chat API, widget, staff page and Telegram webhook.",
        },
        "paths": _paths(),
        "components": {
            "schemas": SCHEMAS,
            "securitySchemes": {
                "staffBearer": {"type": "http", "scheme": "bearer", "description": "APPLICANT_BOT_STAFF_TOKEN"},
                "staffCookie": {"type": "apiKey", "in": "cookie", "name": "applicant_bot_staff"},
                "metricsBearer": {"type": "http", "scheme": "bearer", "description": "APPLICANT_BOT_METRICS_TOKEN"},
            },
        },
    }
