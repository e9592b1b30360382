// 关系图: departments and the matters they hold, laid out by a small force simulation in SVG.
// Written for this project (no external library); labels are set with textContent only.
"use strict";

(function () {
  const data = zhize.data("graph-data");
  const svg = document.getElementById("graph");
  const panel = document.getElementById("graph-detail");
  if (!data || !svg || !data.nodes.length) {
    if (svg) svg.replaceWith(zhize.el("p", "没有可显示的部门和事项。请换一个部门或事项。", "empty"));
    return;
  }
  const NS = "http://www.w3.org/2000/svg";
  const width = svg.clientWidth || 900;
  const height = Math.max(520, Math.min(1200, 60 + data.nodes.length * 9));
  svg.setAttribute("viewBox", "0 0 " + width + " " + height);  // see frame() below
  svg.style.height = height + "px";

  const byId = new Map();
  data.nodes.forEach((n, i) => {
    const angle = (i / data.nodes.length) * Math.PI * 2;
    const radius = n.kind === "department" ? 0.35 : 0.2;
    n.x = width / 2 + Math.cos(angle) * width * radius;
    n.y = height / 2 + Math.sin(angle) * height * radius;
    n.vx = 0; n.vy = 0;
    byId.set(n.id, n);
  });
  const edges = data.edges.filter((e) => byId.has(e.source) && byId.has(e.target));

  function step(alpha) {
    const nodes = data.nodes;
    for (let i = 0; i < nodes.length; i++) {
      for (let j = i + 1; j < nodes.length; j++) {
        const a = nodes[i], b = nodes[j];
        let dx = b.x - a.x, dy = b.y - a.y;
        let d2 = dx * dx + dy * dy || 0.01;
        const force = (2600 * alpha) / d2;
        const d = Math.sqrt(d2);
        dx /= d; dy /= d;
        a.vx -= dx * force; a.vy -= dy * force;
        b.vx += dx * force; b.vy += dy * force;
      }
    }
    edges.forEach((e) => {
      const a = byId.get(e.source), b = byId.get(e.target);
      const dx = b.x - a.x, dy = b.y - a.y;
      const d = Math.sqrt(dx * dx + dy * dy) || 0.01;
      const pull = (d - 110) * 0.04 * alpha;
      a.vx += (dx / d) * pull; a.vy += (dy / d) * pull;
      b.vx -= (dx / d) * pull; b.vy -= (dy / d) * pull;
    });
    nodes.forEach((n) => {
      if (n.fixed) { n.vx = n.vy = 0; return; }
      n.vx += (width / 2 - n.x) * 0.004 * alpha;
      n.vy += (height / 2 - n.y) * 0.004 * alpha;
      n.x = Math.max(30, Math.min(width - 30, n.x + n.vx));
      n.y = Math.max(20, Math.min(height - 20, n.y + n.vy));
      n.vx *= 0.6; n.vy *= 0.6;
    });
  }
  for (let k = 0; k < 320; k++) step(1 - k / 360);

  function make(tag, attrs, parent) {
    const node = document.createElementNS(NS, tag);
    Object.keys(attrs).forEach((k) => node.setAttribute(k, attrs[k]));
    parent.appendChild(node);
    return node;
  }
  const lineLayer = make("g", { class: "edges" }, svg);
  const nodeLayer = make("g", { class: "nodes" }, svg);
  edges.forEach((e) => { e.line = make("line", { class: "edge role-" + e.role }, lineLayer); });
  data.nodes.forEach((n) => {
    const g = make("g", { class: "node " + n.kind + (n.flag ? " " + n.flag : "") + (n.focus ? " focus" : "") +
      (n.active ? "" : " gone"), tabindex: "0" }, nodeLayer);
    g.dataset.id = n.id;
    if (n.kind === "department") make("rect", { x: -8, y: -8, width: 16, height: 16, rx: 3 }, g);
    else make("circle", { r: n.flag ? 8 : 6 }, g);
    const label = make("text", { x: 11, y: 4 }, g);
    label.textContent = n.label;
    const title = make("title", {}, g);
    title.textContent = n.label;
    n.el = g;
  });

  function draw() {
    edges.forEach((e) => {
      const a = byId.get(e.source), b = byId.get(e.target);
      e.line.setAttribute("x1", a.x); e.line.setAttribute("y1", a.y);
      e.line.setAttribute("x2", b.x); e.line.setAttribute("y2", b.y);
    });
    data.nodes.forEach((n) => n.el.setAttribute("transform", "translate(" + n.x + "," + n.y + ")"));
  }
  draw();

  // Zoom and pan: the viewBox is the window onto the laid-out graph (view.x, view.y, 1/view.k of it).
  const view = { x: 0, y: 0, k: 1 };
  function frame() {
    svg.setAttribute("viewBox", view.x + " " + view.y + " " + width / view.k + " " + height / view.k);
  }
  function zoom(factor, cx, cy) {
    const k = Math.max(0.5, Math.min(6, view.k * factor));
    const fx = cx === undefined ? view.x + width / view.k / 2 : cx;
    const fy = cy === undefined ? view.y + height / view.k / 2 : cy;
    view.x = fx - (fx - view.x) * (view.k / k);
    view.y = fy - (fy - view.y) * (view.k / k);
    view.k = k;
    frame();
  }
  function point(event) {
    const box = svg.getBoundingClientRect();
    return { x: view.x + ((event.clientX - box.left) / box.width) * (width / view.k),
             y: view.y + ((event.clientY - box.top) / box.height) * (height / view.k) };
  }
  svg.addEventListener("wheel", (event) => {
    event.preventDefault();
    const p = point(event);
    zoom(event.deltaY < 0 ? 1.15 : 1 / 1.15, p.x, p.y);
  }, { passive: false });
  document.querySelectorAll("#graph-tools button[data-zoom]").forEach((button) => {
    button.addEventListener("click", () => {
      if (button.dataset.zoom === "reset") { view.x = 0; view.y = 0; view.k = 1; frame(); return; }
      zoom(Number(button.dataset.zoom));
    });
  });
  let dragging = null, moved = false, panning = null;
  svg.addEventListener("pointerdown", (event) => {
    const g = event.target.closest(".node");
    svg.setPointerCapture(event.pointerId);
    moved = false;
    if (!g) { panning = { x: event.clientX, y: event.clientY, vx: view.x, vy: view.y }; return; }
    dragging = byId.get(g.dataset.id);
  });
  svg.addEventListener("pointermove", (event) => {
    if (panning) {
      const box = svg.getBoundingClientRect();
      view.x = panning.vx - ((event.clientX - panning.x) / box.width) * (width / view.k);
      view.y = panning.vy - ((event.clientY - panning.y) / box.height) * (height / view.k);
      frame();
      return;
    }
    if (!dragging) return;
    const p = point(event);
    dragging.x = p.x; dragging.y = p.y; dragging.fixed = true; moved = true;
    draw();
  });
  svg.addEventListener("pointerup", () => {
    if (dragging && !moved) show(dragging);
    dragging = null;
    panning = null;
  });
  svg.addEventListener("keydown", (event) => {
    const g = event.target.closest && event.target.closest(".node");
    if (g && event.key === "Enter") show(byId.get(g.dataset.id));
  });

  const FLAGS = { overlap: "职责交叉（问题台账待处理）", nolead: "无牵头或相互推诿（问题台账待处理）" };

  function show(node) {
    zhize.clear(panel);
    svg.querySelectorAll(".node.selected").forEach((g) => g.classList.remove("selected"));
    node.el.classList.add("selected");
    panel.appendChild(zhize.el("h2", node.label));
    if (node.flag) panel.appendChild(zhize.el("p", FLAGS[node.flag] || "", "warn"));
    const links = zhize.el("p", null, "node-links");
    function add(text, href, id) {
      const a = zhize.el("a", text);
      a.href = href;
      if (id) a.id = id;
      if (links.childNodes.length) links.appendChild(document.createTextNode(" · "));
      links.appendChild(a);
    }
    const place = "&jurisdiction=" + encodeURIComponent(data.jurisdiction);
    if (node.kind === "department") {
      add("查看部门三定", "/departments/" + encodeURIComponent(node.id));
      add("该部门的问题", "/findings?department=" + encodeURIComponent(node.label) + place, "node-findings");
    } else {
      add("谁负责这件事", "/who?q=" + encodeURIComponent(node.label) + place);
      if (node.finding) add("查看问题 " + node.finding, "/findings/" + encodeURIComponent(node.finding), "node-finding");
    }
    panel.appendChild(links);
    const list = zhize.el("ul");
    edges.filter((e) => e.source === node.id || e.target === node.id).forEach((e) => {
      const other = byId.get(e.source === node.id ? e.target : e.source);
      const item = zhize.el("li");
      item.appendChild(zhize.el("b", other.label));
      item.appendChild(zhize.el("span", " " + e.role_label, "role role-" + e.role));
      item.appendChild(zhize.el("div", e.clause, "src"));
      item.appendChild(zhize.el("blockquote", e.text));
      list.appendChild(item);
    });
    panel.appendChild(list);
  }
  const focus = data.nodes.find((n) => n.focus);
  if (focus) show(focus);
})();
