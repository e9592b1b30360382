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
