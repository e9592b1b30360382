// Shared helpers for the pages. Texts from documents are only ever set with textContent.
"use strict";

window.zhize = {
  // The page's embedded data (a <script type="application/json"> block).
  data(id) {
    const el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  },

  // fetch JSON; on error throw an Error carrying the server's Chinese `detail`.
  async request(url, options) {
    let response;
    try {
      response = await fetch(url, Object.assign({ credentials: "same-origin" }, options || {}));
    } catch (e) {
      throw new Error("无法连接服务器，请检查网络后重试");
    }
    let body = null;
    try { body = await response.json(); } catch (e) { body = null; }
    if (!response.ok) {
      const detail = body && typeof body.detail === "string" ? body.detail : "请求失败（" + response.status + "）";
      const err = new Error(detail);
      err.status = response.status;
      throw err;
    }
    return body;
  },

  el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  },

  clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  },
};

// Search as you type: an input with data-suggest="matters" or "departments" and a list="…"
// datalist gets the names that complete what is typed (GET /api/suggest), a moment after typing.
(function () {
  document.querySelectorAll("input[data-suggest]").forEach((input) => {
    const list = document.getElementById(input.getAttribute("list"));
    if (!list) return;
    let timer = null;
    let asked = "";
    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        const q = input.value.trim();
        if (!q || q === asked) return;
        asked = q;
        const place = input.form && input.form.elements.jurisdiction ? input.form.elements.jurisdiction.value : "";
        const url = "/api/suggest?kind=" + input.dataset.suggest + "&q=" + encodeURIComponent(q) +
          (place ? "&jurisdiction=" + encodeURIComponent(place) : "");
        try {
          const names = await zhize.request(url);
          zhize.clear(list);
          names.forEach((name) => { const option = document.createElement("option"); option.value = name; list.appendChild(option); });
        } catch (err) {
          zhize.clear(list);  // suggestions are a help, never an error on the page
        }
      }, 150);
    });
  });
})();
