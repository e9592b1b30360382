// 改革划转: a Sankey of one reform plan (plotly, served by this app). Clicking a flow lists its clauses.
"use strict";

(function () {
  const data = zhize.data("sankey-data");
  const box = document.getElementById("sankey");
  if (!data || !box) return;
  if (!data.links.length) { box.hidden = true; return; }
  if (typeof Plotly === "undefined") {
    box.appendChild(zhize.el("p", "图形组件未能加载，请查看下方表格。", "error"));
    return;
  }
  const colour = { "撤销": "#b0b7c3", "组建": "#2f6fb0", "保留": "#6a8caf" };
  const nodes = data.nodes;
  const links = data.links;
  const height = Math.max(420, nodes.length * 28);
  const trace = {
    type: "sankey",
    orientation: "h",
    arrangement: "snap",
    node: {
      label: nodes.map((n) => n.label + (n.side === "before" && n.status === "撤销" ? "（撤销）" : "")),
      color: nodes.map((n) => colour[n.status] || "#6a8caf"),
      pad: 14,
      thickness: 16,
      customdata: nodes.map((n) => (n.side === "before" ? "改革前" : "改革后")),
      hovertemplate: "%{label}<br>%{customdata}<extra></extra>",
    },
    link: {
      source: links.map((l) => l.source),
      target: links.map((l) => l.target),
      value: links.map((l) => l.value),
      customdata: links.map((l) => l.label),
      color: "rgba(47,111,176,0.25)",
      hovertemplate: "%{source.label} → %{target.label}<br>%{customdata}<extra></extra>",
    },
  };
  const layout = {
    height: height,
    margin: { l: 10, r: 10, t: 10, b: 10 },
    font: { size: 13, family: "'Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', sans-serif" },
  };
  Plotly.newPlot(box, [trace], layout, { displaylogo: false, responsive: true, modeBarButtonsToRemove: ["toImage"] });

  function showFlow(index) {
    const link = links[index];
    if (!link) return;
    const panel = document.getElementById("flow-detail");
    document.getElementById("flow-title").textContent =
      nodes[link.source].label + " → " + nodes[link.target].label + "：" + link.label;
    const list = document.getElementById("flow-clauses");
    zhize.clear(list);
    link.clauses.forEach((c) => {
      const item = zhize.el("li");
      item.appendChild(zhize.el("div", c.kind_label + (c.duty ? "：" + c.duty : "") + "　" + c.clause, "src"));
      item.appendChild(zhize.el("blockquote", c.text));
      list.appendChild(item);
    });
    panel.hidden = false;
    panel.scrollIntoView({ behavior: "smooth", block: "nearest" });
  }

  box.on("plotly_click", (event) => {
    const point = event && event.points && event.points[0];
    // Links carry source and target; nodes do not.
    if (point && point.source !== undefined && point.target !== undefined) showFlow(point.pointNumber);
  });
  document.querySelectorAll("#flows tr[data-link]").forEach((row) => {
    row.addEventListener("click", () => showFlow(Number(row.dataset.link)));
  });
})();
