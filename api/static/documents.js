// 文档: upload files for ingest and show the same report as `zhize ingest`.
"use strict";

(function () {
  const form = document.getElementById("upload");
  if (!form) return;
  const report = document.getElementById("upload-report");
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
      const result = await zhize.request("/api/ingest", { method: "POST", body: body });
      zhize.clear(report);
      report.appendChild(zhize.el("p", result.message));
      const records = result.records;
      report.appendChild(zhize.el("p", "抽取：部门 " + records.departments + "，职责 " + records.duties + "，内设机构 " +
        records.units + "，职责分工 " + records.boundaries + "，编制 " + records.staffing + "，改革事件 " + records.events));
      const list = zhize.el("ul");
      result.failed.forEach((f) => list.appendChild(zhize.el("li", "失败：" + f.file + "：" + f.reason, "error")));
      result.warnings.slice(0, 50).forEach((w) => list.appendChild(zhize.el("li", "提示：" + w.file + " " + w.clause + " " + w.message)));
      report.appendChild(list);
      const reload = zhize.el("a", "刷新文档列表");
      reload.href = window.location.pathname;
      report.appendChild(reload);
    } catch (err) {
      report.className = "message error";
      report.textContent = err.message;
    }
  });
})();
