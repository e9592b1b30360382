// 文档: upload files for ingest and show the same report as `zhize ingest`. An upload that could
// replace a document already in the store is held back: the page lists exactly what it could
// replace, and the user picks one to replace, or keeps both.
"use strict";

(function () {
  const form = document.getElementById("upload");
  if (!form) return;
  const report = document.getElementById("upload-report");

  function showReport(result) {
    zhize.clear(report);
    report.className = "message";
    report.appendChild(zhize.el("p", result.message));
    const records = result.records;
    report.appendChild(zhize.el("p", "抽取：部门 " + records.departments + "，职责 " + records.duties + "，内设机构 " +
      records.units + "，职责分工 " + records.boundaries + "，编制 " + records.staffing + "，改革事件 " + records.events));
    const list = zhize.el("ul");
    result.failed.forEach((f) => list.appendChild(zhize.el("li", "失败：" + f.file + "：" + f.reason, "error")));
    result.warnings.slice(0, 50).forEach((w) => list.appendChild(zhize.el("li", "提示：" + w.file + " " + w.clause + " " + w.message)));
    report.appendChild(list);
    (result.pending || []).forEach((p) => report.appendChild(pendingBox(p)));
    const reload = zhize.el("a", "刷新文档列表");
    reload.href = window.location.pathname;
    report.appendChild(reload);
  }

  function pendingBox(p) {
    const box = zhize.el("div", null, "pending");
    box.appendChild(zhize.el("p", "待确认：" + p.message));
    const choices = zhize.el("ul");
    p.candidates.forEach((c) => {
      const item = zhize.el("li", "《" + c.title + "》 " + c.jurisdiction + " " + c.issue_date + " 印发，来自 " +
        c.file + "，职责 " + c.duties + " 条 ");
      const button = zhize.el("button", "替换这一份");
      button.type = "button";
      button.addEventListener("click", () => decide(p.sha256, { action: "replace", replaces: c.document }));
      item.appendChild(button);
      choices.appendChild(item);
    });
    box.appendChild(choices);
    const keep = zhize.el("button", "保留两者" + (p.suggestion === "keep_both" ? "（建议）" : ""));
    keep.type = "button";
    keep.addEventListener("click", () => decide(p.sha256, { action: "keep_both" }));
    box.appendChild(keep);
    return box;
  }

  async function decide(sha256, choice) {
    try {
      const result = await zhize.request("/api/uploads/" + sha256 + "/decision", {
        method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(choice),
      });
      showReport(result);
    } catch (err) {
      report.className = "message error";
      report.textContent = err.message;
    }
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const files = document.getElementById("upload-files").files;
    if (!files.length) return;
    const body = new FormData();
    Array.from(files).forEach((f) => body.append("files", f, f.name));
    const issued = document.getElementById("upload-date").value;
    if (issued) body.append("issue_date", issued);
    zhize.clear(report);
    report.className = "message";
    report.textContent = "正在抽取入库……";
    try {
      showReport(await zhize.request("/api/ingest", { method: "POST", body: body }));
    } catch (err) {
      report.className = "message error";
      report.textContent = err.message;
    }
  });
})();
