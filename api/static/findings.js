// 问题台账: the 运行检测 button runs every detector through the API (the server checks the role),
// then reloads the board so the new findings show.
"use strict";

(function () {
  const form = document.getElementById("run-check");
  if (!form) return;
  const message = document.getElementById("check-message");
  const button = document.getElementById("check-button");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const place = new FormData(form).get("jurisdiction");
    const url = "/api/check" + (place ? "?jurisdiction=" + encodeURIComponent(place) : "");
    button.disabled = true;
    message.className = "message";
    message.textContent = "正在检测……";
    try {
      const reports = await zhize.request(url, { method: "POST" });
      message.textContent = reports.map((r) => r.message).join("；") + "。";
      setTimeout(() => window.location.reload(), 1200);
    } catch (err) {
      message.className = "message error";
      message.textContent = err.message;
      button.disabled = false;
    }
  });
})();
