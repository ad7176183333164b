/*
 * applicant-bot chat widget (one file, so an exam site adds one line).
 *
 * Embed on any page:   <script src="https://BOT-SERVER/widget.js" defer></script>
 * Inline in a page:    <div id="chat"></div>
 *                      <script src="https://BOT-SERVER/widget.js" data-mode="inline" data-target="#chat"></script>
 *
 * It talks to the server that served this file. The widget lives in a shadow root whose host
 * resets every inherited property, so the host page's CSS cannot reach it, nor it the page. Answers
 * are built as DOM nodes from text (web addresses become links), never parsed as HTML. The session
 * id and the transcript (questions and answers only, never an error) are kept in localStorage, so
 * a reload continues the same conversation. On a phone the floating panel fills the screen and is
 * modal: Tab stays inside it.
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
  var STYLESHEET = BASE + "/widget.css";  // the server writes the file's version into this path
  var STORE_KEY = "applicant-bot:" + BASE;
  var KEEP_MESSAGES = 100;
  var MAX_CHARS = 1000;
  var NETWORK_ERROR = "연결에 문제가 있어요. 잠시 후 다시 시도해 주세요. 급한 문의는 HRD 고객센터(☎ 1644-8000)로 해 주세요.";
  var BUTTON_NAMES = { "👍": "도움이 됐어요", "👎": "도움이 안 됐어요" };
  var WHO = { user: "나: ", bot: "챗봇: ", system: "안내: " };
  // The same query as the full-screen rule in widget.css: there the floating panel is a modal.
  var FULL_SCREEN = window.matchMedia("(max-width: 480px), (max-height: 480px)");
  var SHORT_PANEL_PX = 300;  // below this (400% zoom, a phone's keyboard open) the whole panel scrolls
  var TOUCH = window.matchMedia("(pointer: coarse)");
  var WEB_ADDRESS = /(?:https?:\/\/|www\.)[A-Za-z0-9\-._~:\/?#\[\]@!$&*+,;=%]+/gi;

  // -- saved state -------------------------------------------------------------------------

  var memory = {};
  function loadState() {
    var raw = null;
    try { raw = window.localStorage.getItem(STORE_KEY); } catch (e) { raw = memory[STORE_KEY] || null; }
    var saved = null;
    try { saved = raw ? JSON.parse(raw) : null; } catch (e) { saved = null; }
    if (!saved || typeof saved.session !== "string" || !Array.isArray(saved.messages)) {
      saved = { session: newSessionId(), messages: [], buttons: [], open: false };
    }
    // Earlier versions saved error notices too; a transcript holds only questions and answers.
    saved.messages = saved.messages.filter(function (m) {
      return m && (m.who === "user" || m.who === "bot") && typeof m.text === "string";
    });
    if (!Array.isArray(saved.buttons)) saved.buttons = [];
    return saved;
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
  var style = el("link", { rel: "stylesheet", href: STYLESHEET });
  style.addEventListener("load", showFrame);
  style.addEventListener("error", showFrame);
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
  var subtitle = el("p", { "class": "subtitle" });
  subtitle.appendChild(el("span", null, "2023년도 제34회 공고 기준"));
  subtitle.appendChild(el("span", { "class": "subtitle-more" }, " · 답변마다 근거 조항을 알려 드려요"));
  heading.appendChild(subtitle);
  var resetButton = el("button", { type: "button", "class": "reset" }, "새 대화");
  var closeButton = el("button", { type: "button", "class": "close", "aria-label": "챗봇 닫기" }, "×");
  header.appendChild(heading);
  header.appendChild(resetButton);
  if (!INLINE) header.appendChild(closeButton);

  // role="log" on a wrapper: on the <ol> itself it would hide the list and its items from screen readers.
  var log = el("div", { "class": "messages", role: "log", "aria-live": "polite", "aria-relevant": "additions", "aria-label": "대화 내용", tabindex: "0" });
  var list = el("ol", { "class": "message-list", role: "list" });
  log.appendChild(list);
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
    placeholder: "질문을 입력하세요", "aria-describedby": "ab-note",
  });
  var send = el("button", { type: "submit", "class": "send" }, "보내기");
  form.appendChild(input);
  form.appendChild(send);
  var note = el("p", { id: "ab-note", "class": "note" }, "개인정보(주민번호·전화번호)는 입력하지 마세요.");
  note.appendChild(el("span", { "class": "keys" }, " Enter 보내기, Shift+Enter 줄바꿈."));

  [header, log, typing, choices, form, note].forEach(function (n) { panel.appendChild(n); });
  if (!INLINE) frame.appendChild(launcher);
  frame.appendChild(panel);

  // -- rendering (DOM nodes from text only) ----------------------------------------------------

  function appendWithLinks(node, text) {
    var done = 0, match;
    WEB_ADDRESS.lastIndex = 0;
    while ((match = WEB_ADDRESS.exec(text))) {
      var address = match[0].replace(/[.,;:!?]+$/, "");  // the sentence's full stop is not the address's
      node.appendChild(document.createTextNode(text.slice(done, match.index)));
      var href = /^www\./i.test(address) ? "https://" + address : address;
      node.appendChild(el("a", { href: href, target: "_blank", rel: "noopener noreferrer" }, address));
      done = WEB_ADDRESS.lastIndex = match.index + address.length;
    }
    node.appendChild(document.createTextNode(text.slice(done)));
  }

  function addMessage(who, text) {
    var item = el("li", { "class": "msg " + who });
    item.appendChild(el("span", { "class": "sr-only" }, WHO[who]));
    var bubble = el("p", { "class": "bubble" });
    if (who === "bot") appendWithLinks(bubble, text); else bubble.textContent = text;
    item.appendChild(bubble);
    list.appendChild(item);
    return item;
  }

  function showButtons(labels) {
    while (choices.firstChild) choices.removeChild(choices.firstChild);
    (labels || []).forEach(function (label) {
      var b = el("button", { type: "button", "class": "choice" }, label);
      if (BUTTON_NAMES[label]) { b.setAttribute("aria-label", BUTTON_NAMES[label]); b.setAttribute("title", BUTTON_NAMES[label]); }
      b.addEventListener("click", function () { submit(label, false); });
      choices.appendChild(b);
    });
    if (labels && labels.length) choices.removeAttribute("hidden"); else choices.setAttribute("hidden", "");
  }

  function setTyping(on) {
    typing.classList.toggle("on", on);
    typingText.textContent = on ? "답변을 준비하고 있어요" : "";
    send.disabled = on;
    panel.setAttribute("aria-busy", on ? "true" : "false");
  }

  function renderAll() {
    while (list.firstChild) list.removeChild(list.firstChild);
    state.messages.forEach(function (m) { addMessage(m.who, m.text); });
    showButtons(state.buttons);
    reveal(newestAnswer());
  }

  // -- layout and scrolling --------------------------------------------------------------------

  function fullScreen() { return !INLINE && FULL_SCREEN.matches; }
  function shown() { return !frame.hidden && !panel.hidden; }

  // A full-screen panel follows the visual viewport (a phone keyboard shrinks it without a resize
  // of the layout); a short panel scrolls as a whole with its header and input pinned (widget.css).
  function layout() {
    var viewport = window.visualViewport;
    var follow = fullScreen() && viewport && viewport.scale <= 1.01;
    panel.style.height = follow ? viewport.height + "px" : "";
    panel.style.top = follow ? viewport.offsetTop + "px" : "";
    if (!INLINE) {
      if (fullScreen()) panel.setAttribute("aria-modal", "true"); else panel.removeAttribute("aria-modal");
    }
    if (shown()) panel.classList.toggle("short", panel.clientHeight < SHORT_PANEL_PX);
  }

  function newestAnswer() {  // the first message after the last question (the greeting when none)
    var items = list.children, i = items.length - 1;
    while (i >= 0 && !items[i].classList.contains("user")) i--;
    return items[i + 1] || null;
  }

  // The start of `item` at the top of the view, or the end when everything from there fits: a long
  // answer opens at its first line (usually the verdict), not at its last.
  function reveal(item) {
    if (!shown()) return;  // no layout yet: done again when the panel appears
    layout();
    var box = panel.classList.contains("short") ? panel : log;
    var end = box.scrollHeight - box.clientHeight;
    if (!item) { box.scrollTop = end; return; }
    var pinned = box === panel ? header.offsetHeight : 0;
    var top = item.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop - pinned - 8;
    box.scrollTop = Math.max(0, Math.min(end, top));
  }

  function showFrame() {
    frame.removeAttribute("hidden");
    reveal(newestAnswer());
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
      explainRefusedOrigin();
      throw new Error(NETWORK_ERROR);  // offline, server down, or a site the server does not allow (CORS)
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        if (!response.ok) throw new Error(data && data.message ? data.message : NETWORK_ERROR);
        return data;
      });
    });
  }

  // The browser hides why a cross-site request failed. When the server still answers a request that
  // needs no permission, the likely reason is that this page's origin is not allowed: say so, once,
  // to whoever integrates the widget.
  var explained = false;
  function explainRefusedOrigin() {
    if (explained || new URL(BASE).origin === window.location.origin) return;
    explained = true;
    fetch(BASE + "/healthz", { mode: "no-cors", credentials: "omit", cache: "no-store" }).then(function () {
      var origin = window.location.origin;
      window.console.error(
        "[applicant-bot] 챗봇 서버(" + BASE + ")에는 연결되지만 API 요청이 막혔어요. 이 페이지의 출처 " + origin +
        "이(가) 서버 설정 APPLICANT_BOT_ALLOWED_ORIGINS에 없으면 이렇게 돼요. 서버 환경 변수에 추가해 주세요: " +
        "APPLICANT_BOT_ALLOWED_ORIGINS=" + origin +
        " (the chat server is reachable but refuses this page's origin: add " + origin + " to APPLICANT_BOT_ALLOWED_ORIGINS)");
    }, function () {});
  }

  function exchange(path, body) {  // one request at a time, in the order they were made
    var result = queue.then(function () {
      setTyping(true);
      return post(path, body).finally(function () { setTyping(false); });
    });
    queue = result.catch(function () {});
    return result;
  }

  function showTurn(turn) {
    var first = null, buttons = [];
    (turn.replies || []).forEach(function (reply) {
      var text = String(reply.text || "");
      var item = addMessage("bot", text);
      first = first || item;
      state.messages.push({ who: "bot", text: text });
      buttons = Array.isArray(reply.buttons) ? reply.buttons.map(String) : [];
    });
    state.buttons = buttons;
    saveState();
    showButtons(buttons);
    reveal(first);
  }

  function failureNote(message, action, retry) {
    var line = el("p", { "class": "failure" });
    line.appendChild(el("span", null, message));
    var again = el("button", { type: "button", "class": "retry" }, action);
    again.addEventListener("click", function () { line.parentNode.removeChild(line); focusComposer(); retry(); });
    line.appendChild(again);
    return line;
  }

  // The question is stored only once it is answered. Until then a failure leaves it on screen marked
  // "보내지 못했어요" with a retry, puts typed text back in the box and brings the buttons back.
  function deliver(text, item, typed) {
    var previous = state.buttons;
    state.buttons = [];
    showButtons([]);
    item.classList.remove("failed");
    item.classList.add("pending");
    exchange("/api/v1/chat", { session: state.session, text: text }).then(function (turn) {
      item.classList.remove("pending");
      state.messages.push({ who: "user", text: text });
      if (input.value === text) input.value = "";  // a retry sent what the failure had put back
      showTurn(turn);
    }, function (error) {
      item.classList.remove("pending");
      item.classList.add("failed");
      item.appendChild(failureNote("보내지 못했어요. " + error.message, "다시 보내기", function () {
        deliver(text, item, false);
      }));
      if (typed && !input.value) input.value = text;
      state.buttons = previous;
      showButtons(previous);
      reveal(null);
    });
  }

  function submit(text, typed) {
    text = String(text || "").trim();
    if (!text) { input.focus(); return; }
    if (text.length > MAX_CHARS) text = text.slice(0, MAX_CHARS);
    Array.prototype.forEach.call(list.querySelectorAll("li.failed"), function (failed) {
      if (failed.querySelector(".bubble").textContent === text) list.removeChild(failed);  // sent again
    });
    var item = addMessage("user", text);
    reveal(null);
    if (typed) { input.value = ""; input.focus(); } else focusComposer();
    deliver(text, item, typed);
  }

  // Opening the panel or pressing a quick reply on a touch screen does not pop the keyboard up over
  // half of it: focus waits on the conversation instead (typing keeps it in the box).
  function focusComposer() {
    if (TOUCH.matches) log.focus(); else input.focus();
  }

  var greeting = false;
  function greet() {
    if (state.messages.length || greeting) return;
    greeting = true;
    exchange("/api/v1/start", { session: state.session }).then(showTurn, function (error) {
      var item = addMessage("system", error.message);
      item.appendChild(failureNote("", "다시 시도", function () { list.removeChild(item); greet(); }));
      reveal(null);
    }).then(function () { greeting = false; });
  }

  // -- events --------------------------------------------------------------------------------

  form.addEventListener("submit", function (event) { event.preventDefault(); submit(input.value, true); });
  input.addEventListener("keydown", function (event) {
    // Enter that only finishes a Hangul syllable (IME composition) must not send.
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
      event.preventDefault();
      submit(input.value, true);
    }
  });

  function open(focus) {
    panel.removeAttribute("hidden");
    launcher.setAttribute("aria-expanded", "true");
    launcher.classList.add("hidden-when-open");
    state.open = true;
    saveState();
    greet();
    reveal(newestAnswer());
    if (focus !== false) focusComposer();
  }
  function close() {
    panel.setAttribute("hidden", "");
    launcher.setAttribute("aria-expanded", "false");
    launcher.classList.remove("hidden-when-open");
    state.open = false;
    saveState();
    launcher.focus();
  }

  function focusable() {
    return Array.prototype.filter.call(panel.querySelectorAll("button, textarea, a[href], [tabindex='0']"), function (n) {
      return !n.disabled && n.getClientRects().length > 0;
    });
  }
  // The full-screen panel is modal: Tab and Shift+Tab go round inside it, focus never rests behind it.
  function trapTab(event) {
    var items = focusable();
    if (!items.length) return;
    var active = root.activeElement || document.activeElement;
    var edge = event.shiftKey ? items[0] : items[items.length - 1];
    if (active === edge || items.indexOf(active) < 0) {
      event.preventDefault();
      (event.shiftKey ? items[items.length - 1] : items[0]).focus();
    }
  }
  document.addEventListener("focusin", function (event) {
    if (fullScreen() && !panel.hidden && event.target !== host) input.focus();
  });

  launcher.addEventListener("click", function () { if (panel.hasAttribute("hidden")) open(); else close(); });
  closeButton.addEventListener("click", close);
  panel.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !INLINE) { event.preventDefault(); close(); }
    else if (event.key === "Tab" && fullScreen()) trapTab(event);
  });
  resetButton.addEventListener("click", function () {
    state = { session: newSessionId(), messages: [], buttons: [], open: true };
    saveState();
    renderAll();
    greet();
    input.focus();
  });
  window.addEventListener("resize", layout);
  if (window.visualViewport) {
    window.visualViewport.addEventListener("resize", layout);
    window.visualViewport.addEventListener("scroll", layout);
  }

  function mount() {
    var parent = (TARGET && document.querySelector(TARGET)) || document.body;
    parent.appendChild(host);
    renderAll();
    if (INLINE) greet();
    else if (state.open) open(false);  // restored after a reload: do not steal the page's focus
  }
  if (document.body) mount(); else document.addEventListener("DOMContentLoaded", mount);
})();
