// 改革划转: a Sankey of one reform plan (plotly, served by this app). Flows are coloured by whether
// they landed in the receiver's 三定; the checkboxes above it show or hide each kind; clicking a
// flow lists its clauses.
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
  const nodeColour = { "撤销": "#b0b7c3", "组建": "#2f6fb0", "保留": "#6a8caf" };
  // The same colours as the legend and the table's badges (app.css .landing-*).
  const LANDING = {
    "已落实": "rgba(46,125,79,0.55)",
    "未落地": "rgba(192,57,43,0.75)",
    "无法核对": "rgba(217,130,43,0.6)",
    "整体并入": "rgba(106,140,175,0.35)",
  };
  const nodes = data.nodes;
  const links = data.links;
  const filter = document.getElementById("landing-filter");

  function shown() {
    if (!filter) return new Set(Object.keys(LANDING));
    return new Set(Array.from(filter.querySelectorAll("input:checked")).map((i) => i.value));
  }

  function draw() {
    const keep = shown();
    const visible = links.map((l, i) => i).filter((i) => keep.has(links[i].landing));
    const used = Array.from(new Set(visible.flatMap((i) => [links[i].source, links[i].target]))).sort((a, b) => a - b);
    const position = new Map(used.map((n, i) => [n, i]));
    const height = Math.max(360, used.length * 28);
    const trace = {
      type: "sankey",
      orientation: "h",
      arrangement: "snap",
      node: {
        label: used.map((n) => nodes[n].label + (nodes[n].side === "before" && nodes[n].status === "撤销" ? "（撤销）" : "")),
        color: used.map((n) => nodeColour[nodes[n].status] || "#6a8caf"),
        pad: 14,
        thickness: 16,
        customdata: used.map((n) => (nodes[n].side === "before" ? "改革前" : "改革后")),
        hovertemplate: "%{label}<br>%{customdata}<extra></extra>",
      },
      link: {
        source: visible.map((i) => position.get(links[i].source)),
        target: visible.map((i) => position.get(links[i].target)),
        value: visible.map((i) => links[i].value),
        color: visible.map((i) => LANDING[links[i].landing] || LANDING["整体并入"]),
        customdata: visible.map((i) => [links[i].label, links[i].landing, i]),
        hovertemplate: "%{source.label} → %{target.label}<br>%{customdata[0]}<br>%{customdata[1]}<extra></extra>",
      },
    };
    const layout = {
      height: height,
      margin: { l: 10, r: 10, t: 10, b: 10 },
      font: { size: 13, family: "'Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', sans-serif" },
    };
    Plotly.react(box, [trace], layout, { displaylogo: false, responsive: true, modeBarButtonsToRemove: ["toImage"] });
    document.querySelectorAll("#flows tr[data-link]").forEach((row) => {
      row.hidden = !keep.has(row.dataset.landing);
    });
  }

  function showFlow(index) {
    const link = links[index];
    if (!link) return;
    const panel = document.getElementById("flow-detail");
    document.getElementById("flow-title").textContent =
      nodes[link.source].label + " → " + nodes[link.target].label + "：" + link.label + "（" + link.landing + "）";
    const list = document.getElementById("flow-clauses");
    zhize.clear(list);
    link.clauses.forEach((c) => {
      const item = zhize.el("li");
      const why = c.landing_reason ? "（" + c.landing_reason + "）" : "";
      item.appendChild(zhize.el("div", c.kind_label + (c.duty ? "：" + c.duty : "") + "　" + c.clause + "　" +
        c.landing + why, "src"));
      if (c.text) item.appendChild(zhize.el("blockquote", c.text));
      list.appendChild(item);
    });
    panel.hidden = false;
    panel.scrollIntoView({ behavior: "smooth", block: "nearest" });
  }

  draw();
  if (filter) filter.addEventListener("change", draw);
  box.on("plotly_click", (event) => {
    const point = event && event.points && event.points[0];
    // Links carry source and target; nodes do not. customdata[2] is the index in data.links.
    if (point && point.source !== undefined && point.target !== undefined) showFlow(point.customdata[2]);
  });
  document.querySelectorAll("#flows tr[data-link]").forEach((row) => {
    row.addEventListener("click", () => showFlow(Number(row.dataset.link)));
  });
})();
