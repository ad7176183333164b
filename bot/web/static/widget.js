/*
 * applicant-bot chat widget.
 *
 * Embed on any page:   <script src="https://BOT-SERVER/widget.js" defer></script>
 * Inline in a page:    <div id="chat"></div>
 *                      <script src="https://BOT-SERVER/widget.js" data-mode="inline" data-target="#chat"></script>
 *
 * It talks to the server that served this file. The widget lives in a shadow root (the host
 * page's CSS cannot break it, nor it the page). Every answer is put on the page with textContent,
 * never as HTML. The session id and the transcript are kept in localStorage, so a reload
 * continues the same conversation.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script || window.__applicantBotWidget) return;
  window.__applicantBotWidget = true;

  var BASE = new URL(".", script.src).href.replace(/\/$/, "");
  var INLINE = script.getAttribute("data-mode") === "inline";
  var TARGET = script.getAttribute("data-target");
  var TITLE = script.getAttribute("data-title") || "감정평가사 시험 안내 챗봇";
  var STORE_KEY = "applicant-bot:" + BASE;
  var KEEP_MESSAGES = 100;
  var MAX_CHARS = 1000;
  var NETWORK_ERROR = "연결에 문제가 있어요. 잠시 후 다시 시도해 주세요. 급한 문의는 HRD 고객센터(☎ 1644-8000)로 해 주세요.";

  // -- saved state -------------------------------------------------------------------------

  var memory = {};
  function loadState() {
    var raw = null;
    try { raw = window.localStorage.getItem(STORE_KEY); } catch (e) { raw = memory[STORE_KEY] || null; }
    var state = null;
    try { state = raw ? JSON.parse(raw) : null; } catch (e) { state = null; }
    if (!state || typeof state.session !== "string" || !Array.isArray(state.messages)) {
      state = { session: newSessionId(), messages: [], buttons: [], open: false };
    }
    if (!Array.isArray(state.buttons)) state.buttons = [];
    return state;
  }
  function saveState() {
    state.messages = state.messages.slice(-KEEP_MESSAGES);
    var raw = JSON.stringify(state);
    try { window.localStorage.setItem(STORE_KEY, raw); } catch (e) { memory[STORE_KEY] = raw; }
  }
  function newSessionId() {
    if (window.crypto && window.crypto.randomUUID) return window.crypto.randomUUID();
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);  // also available on plain-http pages
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  // -- elements ----------------------------------------------------------------------------

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    if (text != null) node.textContent = text;
    return node;
  }

  var state = loadState();
  var host = el("div", { "class": "applicant-bot-widget", "data-applicant-bot": "" });
  var root = host.attachShadow ? host.attachShadow({ mode: "open" }) : host;
  var frame = el("div", { "class": "frame" + (INLINE ? " inline" : " floating"), hidden: "" });
  var style = el("link", { rel: "stylesheet", href: BASE + "/widget.css" });
  style.addEventListener("load", function () { frame.removeAttribute("hidden"); });
  style.addEventListener("error", function () { frame.removeAttribute("hidden"); });
  root.appendChild(style);
  root.appendChild(frame);

  var launcher = el("button", { type: "button", "class": "launcher", "aria-expanded": "false", "aria-controls": "ab-panel" });
  launcher.appendChild(el("span", { "aria-hidden": "true", "class": "launcher-icon" }, "💬"));
  launcher.appendChild(el("span", { "class": "launcher-text" }, "시험 안내 챗봇"));

  var panel = el("section", { id: "ab-panel", "class": "panel", "aria-labelledby": "ab-title" });
  if (!INLINE) { panel.setAttribute("role", "dialog"); panel.setAttribute("hidden", ""); }
  var header = el("header", { "class": "header" });
  var heading = el("div", { "class": "heading" });
  heading.appendChild(el("h2", { id: "ab-title" }, TITLE));
  heading.appendChild(el("p", { "class": "subtitle" }, "2023년도 제34회 공고 기준 · 답변마다 근거 조항을 알려 드려요"));
  var resetButton = el("button", { type: "button", "class": "reset" }, "새 대화");
  var closeButton = el("button", { type: "button", "class": "close", "aria-label": "챗봇 닫기" }, "×");
  header.appendChild(heading);
  header.appendChild(resetButton);
  if (!INLINE) header.appendChild(closeButton);

  var list = el("ol", { "class": "messages", role: "log", "aria-live": "polite", "aria-relevant": "additions", "aria-label": "대화 내용", tabindex: "0" });
  var typing = el("div", { "class": "typing", role: "status", "aria-live": "polite" });
  var dots = el("span", { "class": "dots", "aria-hidden": "true" });
  dots.appendChild(el("span")); dots.appendChild(el("span")); dots.appendChild(el("span"));
  typing.appendChild(dots);
  var typingText = el("span", { "class": "sr-only" }, "");
  typing.appendChild(typingText);
  var choices = el("div", { "class": "choices", role: "group", "aria-label": "빠른 선택 버튼" });

  var form = el("form", { "class": "composer" });
  form.appendChild(el("label", { "for": "ab-input", "class": "sr-only" }, "질문 입력"));
  var input = el("textarea", {
    id: "ab-input", rows: "1", maxlength: String(MAX_CHARS), autocomplete: "off",
    placeholder: "질문을 입력하세요 (예: 3월 25일에 취소하면 환불 얼마?)", "aria-describedby": "ab-note",
  });
  var send = el("button", { type: "submit", "class": "send" }, "보내기");
  form.appendChild(input);
  form.appendChild(send);
  var note = el("p", { id: "ab-note", "class": "note" },
    "주민등록번호·전화번호 같은 개인정보는 입력하지 마세요. Enter 보내기, Shift+Enter 줄바꿈.");

  [header, list, typing, choices, form, note].forEach(function (n) { panel.appendChild(n); });
  if (!INLINE) frame.appendChild(launcher);
  frame.appendChild(panel);

  // -- rendering (text only) ----------------------------------------------------------------

  function addMessage(who, text, save) {
    var item = el("li", { "class": "msg " + who });
    item.appendChild(el("span", { "class": "sr-only" }, who === "user" ? "나: " : (who === "bot" ? "챗봇: " : "안내: ")));
    item.appendChild(el("p", { "class": "bubble" }, text));
    list.appendChild(item);
    list.scrollTop = list.scrollHeight;
    if (save) { state.messages.push({ who: who, text: String(text) }); saveState(); }
  }

  function showButtons(labels) {
    while (choices.firstChild) choices.removeChild(choices.firstChild);
    (labels || []).forEach(function (label) {
      var b = el("button", { type: "button", "class": "choice" }, label);
      b.addEventListener("click", function () { submit(label); });
      choices.appendChild(b);
    });
    if (labels && labels.length) choices.removeAttribute("hidden"); else choices.setAttribute("hidden", "");
  }

  function setTyping(on) {
    if (on) { typing.classList.add("on"); typingText.textContent = "답변을 준비하고 있어요"; }
    else { typing.classList.remove("on"); typingText.textContent = ""; }
    send.disabled = on;
    panel.setAttribute("aria-busy", on ? "true" : "false");
  }

  function renderAll() {
    while (list.firstChild) list.removeChild(list.firstChild);
    state.messages.forEach(function (m) { addMessage(m.who, m.text, false); });
    showButtons(state.buttons);
  }

  // -- talking to the server ----------------------------------------------------------------

  var queue = Promise.resolve();

  function post(path, body) {
    return fetch(BASE + path, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
      credentials: "omit",
    }).catch(function () {
      throw new Error(NETWORK_ERROR);  // offline, or a site the server does not allow (CORS)
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        if (!response.ok) throw new Error(data && data.message ? data.message : NETWORK_ERROR);
        return data;
      });
    });
  }

  function showTurn(turn) {
    var buttons = [];
    (turn.replies || []).forEach(function (reply) {
      addMessage("bot", String(reply.text || ""), true);
      buttons = Array.isArray(reply.buttons) ? reply.buttons.map(String) : [];
    });
    state.buttons = buttons;
    saveState();
    showButtons(buttons);
  }

  function exchange(path, body) {
    queue = queue.then(function () {
      setTyping(true);
      return post(path, body).then(showTurn, function (error) {
        addMessage("system", error && error.message ? error.message : NETWORK_ERROR, true);
      }).then(function () { setTyping(false); });
    });
    return queue;
  }

  function submit(text) {
    text = String(text || "").trim();
    if (!text) { input.focus(); return; }
    if (text.length > MAX_CHARS) text = text.slice(0, MAX_CHARS);
    addMessage("user", text, true);
    state.buttons = [];
    saveState();
    showButtons([]);
    input.value = "";
    input.focus();
    exchange("/api/v1/chat", { session: state.session, text: text });
  }

  function greet() {
    if (!state.messages.length) exchange("/api/v1/start", { session: state.session });
  }

  // -- events --------------------------------------------------------------------------------

  form.addEventListener("submit", function (event) { event.preventDefault(); submit(input.value); });
  input.addEventListener("keydown", function (event) {
    // Enter that only finishes a Hangul syllable (IME composition) must not send.
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
      event.preventDefault();
      submit(input.value);
    }
  });

  function open(focus) {
    panel.removeAttribute("hidden");
    launcher.setAttribute("aria-expanded", "true");
    launcher.classList.add("hidden-when-open");
    state.open = true;
    saveState();
    greet();
    if (focus !== false) input.focus();
  }
  function close() {
    panel.setAttribute("hidden", "");
    launcher.setAttribute("aria-expanded", "false");
    launcher.classList.remove("hidden-when-open");
    state.open = false;
    saveState();
    launcher.focus();
  }
  launcher.addEventListener("click", function () { if (panel.hasAttribute("hidden")) open(); else close(); });
  closeButton.addEventListener("click", close);
  panel.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !INLINE) { event.preventDefault(); close(); }
  });
  resetButton.addEventListener("click", function () {
    state = { session: newSessionId(), messages: [], buttons: [], open: true };
    saveState();
    renderAll();
    greet();
    input.focus();
  });

  function mount() {
    var parent = (TARGET && document.querySelector(TARGET)) || document.body;
    parent.appendChild(host);
    renderAll();
    if (INLINE) greet();
    else if (state.open) open(false);  // restored after a reload: do not steal the page's focus
  }
  if (document.body) mount(); else document.addEventListener("DOMContentLoaded", mount);
})();
