/* Staff page: search, calculators, unanswered questions, undelivered Telegram replies. Everything shown with textContent. */
(function () {
  "use strict";

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    if (text != null) node.textContent = text;
    return node;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  function call(method, url, body) {
    var options = { method: method, headers: {}, credentials: "same-origin" };
    if (body !== undefined) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    return fetch(url, options).then(function (response) {
      if (response.status === 401) { window.location.reload(); throw new Error("로그인이 필요해요."); }
      return response.json().catch(function () { return {}; }).then(function (data) {
        if (!response.ok) {
          var error = new Error(data.message || ("요청이 실패했어요 (" + response.status + ")"));
          error.options = data.options || [];
          throw error;
        }
        return data;
      });
    });
  }

  function copyButton(getText, label) {
    var button = el("button", { type: "button", "class": "copy" }, label || "복사");
    button.addEventListener("click", function () {
      var text = getText();
      var done = function () {
        button.textContent = "복사했어요 ✓";
        setTimeout(function () { button.textContent = label || "복사"; }, 2000);
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(done, function () { fallbackCopy(text); done(); });
      } else { fallbackCopy(text); done(); }
    });
    return button;
  }
  function fallbackCopy(text) {
    var area = el("textarea", { readonly: "", "aria-hidden": "true", "class": "sr-only" });
    area.value = text;
    document.body.appendChild(area);
    area.select();
    try { document.execCommand("copy"); } catch (e) { /* nothing else to try */ }
    document.body.removeChild(area);
  }

  // -- search ----------------------------------------------------------------------------------

  var searchForm = document.getElementById("search-form");
  var results = document.getElementById("results");
  var searchStatus = document.getElementById("search-status");
  searchForm.addEventListener("submit", function (event) {
    event.preventDefault();
    var q = document.getElementById("q").value.trim();
    if (!q) return;
    searchStatus.textContent = "검색 중…";
    call("GET", "/staff/api/search?q=" + encodeURIComponent(q) + "&limit=12").then(function (data) {
      clear(results);
      searchStatus.textContent = data.results.length ? ("'" + q + "' 검색 결과 " + data.results.length + "건") : ("'" + q + "'와 비슷한 내용을 찾지 못했어요.");
      data.results.forEach(function (hit) {
        var item = el("li", { "class": "hit" });
        var head = el("div", { "class": "hit-head" });
        head.appendChild(el("span", { "class": "clause" }, hit.clause || "공고"));
        head.appendChild(el("span", { "class": "title" }, hit.title));
        head.appendChild(el("span", { "class": "badge" }, hit.kind === "fact" ? "안내 답변" : "공고 원문"));
        var copyText = hit.snippet + "\n(근거: " + [hit.clause, hit.title].filter(Boolean).join(" ") + ")";
        head.appendChild(copyButton(function () { return copyText; }));
        item.appendChild(head);
        item.appendChild(el("p", { "class": "snippet" }, hit.snippet));
        if (hit.quote) item.appendChild(el("p", { "class": "quote" }, "공고 원문: “" + hit.quote + "”"));
        results.appendChild(item);
      });
    }).catch(function (error) { searchStatus.textContent = error.message; });
  });

  // -- calculators -----------------------------------------------------------------------------

  Array.prototype.forEach.call(document.querySelectorAll("form.calc"), function (form) {
    var out = form.querySelector(".result");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var options = {};
      Array.prototype.forEach.call(form.elements, function (field) {
        if (!field.name) return;
        if (field.type === "checkbox") { if (field.checked) options[field.name] = true; }
        else if (field.value.trim() !== "") options[field.name] = field.value.trim();
      });
      clear(out);
      out.appendChild(el("p", { "class": "status" }, "계산 중…"));
      call("POST", "/staff/api/check/" + form.getAttribute("data-kind"), options).then(function (data) {
        showResult(out, data);
      }).catch(function (error) {
        clear(out);
        out.appendChild(el("p", { "class": "error", role: "alert" }, error.message));
        if (error.options && error.options.length) out.appendChild(el("p", {}, "선택지: " + error.options.join(" / ")));
      });
    });
  });

  function verdict(result) {
    var flag = result.kind === "english" ? result.valid : (result.kind === "id" ? result.accepted : null);
    return flag === true ? "ok" : (flag === false ? "no" : "");
  }

  function showResult(out, data) {
    var result = data.result, text = data.text;
    clear(out);
    var lines = text.split("\n");
    out.appendChild(el("p", { "class": "headline " + verdict(result) }, lines[0]));
    var cites = el("ul", { "class": "citations", "aria-label": "근거 조항" });
    (result.citations || []).forEach(function (c) {
      cites.appendChild(el("li", {}, "근거: " + (c.label || c.clause) + (c.quote ? " — “" + c.quote + "”" : "")));
    });
    out.appendChild(cites);
    // tabindex: a keyboard can scroll the answer when it is taller than its box (max-height in staff.css)
    out.appendChild(el("pre", { "class": "answer", tabindex: "0" }, text));
    out.appendChild(copyButton(function () { return text; }, "답변 복사"));
  }

  // -- lists: unanswered questions, undelivered Telegram replies ---------------------------------

  // One table filled from a staff API list: ``cells(item)`` gives the row's texts (the text column
  // is the one named ``textColumn``), ``summary(data)`` the status line.
  function listTable(name, url, cells, textColumn, summary) {
    var rows = document.getElementById(name + "-rows");
    var status = document.getElementById(name + "-status");
    function load() {
      status.textContent = "불러오는 중…";
      call("GET", url).then(function (data) {
        clear(rows);
        data.items.forEach(function (item) {
          var tr = el("tr");
          cells(item).forEach(function (text, column) {
            tr.appendChild(el("td", column === textColumn ? { "class": "text" } : {}, text || ""));
          });
          rows.appendChild(tr);
        });
        status.textContent = summary(data);
      }).catch(function (error) { status.textContent = error.message; });
    }
    document.getElementById("refresh-" + name).addEventListener("click", load);
    load();
  }

  function when(stamp) { return (stamp || "").replace("T", " "); }

  listTable("unanswered", "/staff/api/unanswered?limit=200", function (item) {
    return [when(item.at), item.channel, item.text, item.reason, item.best_guess];
  }, 2, function (data) {
    return data.items.length ? ("최근 " + data.items.length + "건") : "답하지 못한 질문이 없어요.";
  });

  var FAILED_REASONS = {
    blocked: "사용자가 봇을 차단함", chat_not_found: "대화방 없음", refused: "텔레그램이 거절함",
    migrated: "대화방이 옮겨짐", gave_up: "재시도 기한 지남"
  };
  listTable("telegram-failed", "/staff/api/telegram/failed?limit=200", function (item) {
    return [when(item.failed_at), String(item.chat_id), item.text, FAILED_REASONS[item.reason] || item.reason, item.error];
  }, 2, function (data) {
    return data.failed ? ("모두 " + data.failed + "건") : "전하지 못한 답변이 없어요.";
  });
})();
