// 问题详情: change a finding's status through the API; the server checks the role and the workflow.
"use strict";

(function () {
  const form = document.getElementById("transition");
  if (!form) return;
  const message = document.getElementById("transition-message");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const fields = new FormData(form);
    const body = { status: fields.get("status"), reason: (fields.get("reason") || "").trim() };
    if (fields.get("category")) body.category = fields.get("category");
    if (fields.get("deadline")) body.deadline = fields.get("deadline");
    message.className = "message";
    message.textContent = "正在提交……";
    try {
      const entry = await zhize.request("/api/findings/" + encodeURIComponent(form.dataset.finding) + "/transitions", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
      message.textContent = "已改为“" + entry.status + "”。";
      window.location.reload();
    } catch (err) {
      message.className = "message error";
      message.textContent = err.message;
    }
  });
})();

// 台账栏目: 责任单位, 整改措施, 责任人, 整改进展 are saved together; the server records the edit.
(function () {
  const form = document.getElementById("ledger-fields");
  if (!form) return;
  const message = document.getElementById("fields-message");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const fields = new FormData(form);
    const body = {};
    ["responsible_unit", "measures", "responsible_person", "progress"].forEach((k) => { body[k] = fields.get(k) || ""; });
    message.className = "message";
    message.textContent = "正在保存……";
    try {
      await zhize.request("/api/findings/" + encodeURIComponent(form.dataset.finding), {
        method: "PATCH",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
      message.textContent = "已保存。";
      window.location.reload();
    } catch (err) {
      message.className = "message error";
      message.textContent = err.message;
    }
  });
})();
