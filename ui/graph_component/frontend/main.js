/*
 * CloudAtlas graph component: draws the view data with vis-network and reports node clicks to Python.
 *
 * Speaks the Streamlit component protocol (API version 1) by hand, with window.postMessage:
 *   -> parent  {isStreamlitMessage: true, type: "streamlit:componentReady", apiVersion: 1}
 *   <- parent  {type: "streamlit:render", args: {data, height, selected}}
 *   -> parent  {isStreamlitMessage: true, type: "streamlit:setComponentValue", value, dataType: "json"}
 *   -> parent  {isStreamlitMessage: true, type: "streamlit:setFrameHeight", height}
 *
 * Text from the notes only ever reaches the page as canvas text, textContent, or vis-network string
 * tooltips (shown with innerText): never as HTML.
 *
 * Cluster nodes of an overview (cluster: true) are clicked like any node; Python opens them. When a cluster
 * opens, its members (cluster: "<its id>") start around the place it had.
 *
 * For tests and benchmarks: window.cloudatlas = {network, nodes, edges, timings}; <body data-drawn="N">
 * counts finished drawings, data-layouts="N" the new layouts among them (a different set of nodes or
 * edges, layout done); timings holds performance.now() marks (render1, created1, drawn1 ...).
 */
(function () {
  "use strict";

  var TOOLBAR = 34;
  var timings = {script: Math.round(performance.now())};
  var state = {network: null, nodes: null, edges: null, key: null, legend: [], selected: null, drawn: 0, layouts: 0};
  var container = document.getElementById("network");
  var statusText = document.getElementById("status");

  function send(type, extra) {
    var message = {isStreamlitMessage: true, type: type};
    Object.keys(extra || {}).forEach(function (k) { message[k] = extra[k]; });
    window.parent.postMessage(message, "*");
  }

  function nonce() {
    return Date.now().toString(36) + "-" + Math.random().toString(36).slice(2, 10);
  }

  function plainNodes(list) {
    return (list || []).map(function (n) {
      var copy = Object.assign({}, n);
      copy.id = String(n.id);
      copy.label = n.label == null ? copy.id : String(n.label);
      copy.title = n.title == null ? copy.label : String(n.title);
      return copy;
    });
  }

  function plainEdges(list) {
    return (list || []).map(function (e) {
      var copy = Object.assign({}, e);
      ["from", "to", "label", "title"].forEach(function (k) { if (k in copy) { copy[k] = String(copy[k]); } });
      return copy;
    });
  }

  function structureKey(data) {
    var ids = (data.nodes || []).map(function (n) { return n.id; });
    var links = (data.edges || []).map(function (e) { return e.id || (e.from + " " + e.to); });
    var opts = data.options || {};
    return JSON.stringify([ids, links, !!opts.hierarchical, opts.physics !== false]);
  }

  function options(data) {
    var opts = data.options || {};
    var many = (data.nodes || []).length;
    var physics = opts.physics !== false;
    var o = {
      autoResize: true,
      nodes: {shape: "dot", borderWidthSelected: 3, font: {size: 14, face: "sans-serif", color: "#1a202c", strokeWidth: 3, strokeColor: "#ffffff"}},
      edges: {smooth: false, font: {size: 10, face: "sans-serif", color: "#4a5568", strokeWidth: 3, align: "middle"},
              arrows: {to: {enabled: true, scaleFactor: 0.5}}, selectionWidth: 2},
      interaction: {hover: true, tooltipDelay: 150, navigationButtons: false, keyboard: false, hideEdgesOnDrag: many > 300},
      physics: {enabled: physics, solver: "forceAtlas2Based",
                forceAtlas2Based: {gravitationalConstant: -60, springLength: 110, avoidOverlap: 0.4},
                stabilization: {enabled: true, iterations: Math.min(200, 60 + Math.round(many / 2)), updateInterval: 100, fit: false}},
      layout: {randomSeed: 7, improvedLayout: !physics && many <= 150}
    };
    if (opts.hierarchical) {
      o.layout.hierarchical = {enabled: true, direction: "UD", sortMethod: "directed", shakeTowards: "roots",
                               levelSeparation: 150, nodeSpacing: 100};
      o.physics.solver = "hierarchicalRepulsion";
      o.physics.hierarchicalRepulsion = {nodeDistance: 140, avoidOverlap: 0.5};
    }
    return o;
  }

  function drawBackground(ctx) {
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
    ctx.restore();
  }

  // The legend sits along the bottom of the canvas, in as many rows as its width needs.
  function legendLayout(ctx, width) {
    var rows = state.legend;
    if (!rows.length) { return null; }
    ctx.font = "11px sans-serif";
    var items = [], x = 16, line = 0, widest = 0;
    rows.forEach(function (r) {
      var w = ctx.measureText(String(r.text)).width + 28;
      if (x > 16 && x + w > width - 16) { line += 1; x = 16; }
      items.push({text: String(r.text), colour: String(r.colour), x: x, line: line});
      x += w;
      widest = Math.max(widest, x);
    });
    return {items: items, lines: line + 1, width: widest - 8, height: 16 * (line + 1) + 8};
  }

  function drawLegend(ctx) {
    var ratio = ctx.canvas.width / (ctx.canvas.clientWidth || ctx.canvas.width) || 1;
    var width = ctx.canvas.width / ratio, height = ctx.canvas.height / ratio;
    ctx.save();
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    var box = legendLayout(ctx, width);
    if (!box) { ctx.restore(); return; }
    var top = height - box.height - 8;
    ctx.fillStyle = "rgba(255, 255, 255, 0.92)";
    ctx.strokeStyle = "#cbd5e0";
    ctx.fillRect(8, top, box.width, box.height);
    ctx.strokeRect(8.5, top + 0.5, box.width, box.height);
    ctx.textBaseline = "middle";
    box.items.forEach(function (item) {
      var y = top + 12 + 16 * item.line;
      ctx.beginPath();
      ctx.arc(item.x + 4, y, 5, 0, 2 * Math.PI);
      ctx.fillStyle = /^#[0-9a-fA-F]{3,8}$/.test(item.colour) ? item.colour : "#9d9d9d";
      ctx.fill();
      ctx.fillStyle = "#1a202c";
      ctx.fillText(item.text, item.x + 13, y);
    });
    ctx.restore();
  }

  function mark(name) {
    timings[name] = Math.round(performance.now());
  }

  function finished() {
    mark("drawn" + (state.drawn + 1));
    state.drawn += 1;
    document.body.setAttribute("data-drawn", String(state.drawn));
  }

  function laidOut() {
    state.layouts += 1;
    document.body.setAttribute("data-layouts", String(state.layouts));
    finished();
  }

  function showStatus(data) {
    var c = data.counts || {nodes: (data.nodes || []).length, edges: (data.edges || []).length};
    statusText.textContent = c.nodes + " nodes · " + c.edges + " edges · click a node for its details";
  }

  function select(id) {
    if (!state.network) { return; }
    if (id && state.nodes.get(id)) {
      state.network.selectNodes([id]);
    } else {
      state.network.unselectAll();
    }
  }

  function fit(network) {
    // Show everything (never zoomed in beyond 1.3x) above the legend.
    network.fit({animation: false, maxZoomLevel: 1.3});
    var box = legendLayout(document.createElement("canvas").getContext("2d"), container.clientWidth);
    var ids = state.nodes ? state.nodes.getIds() : [];
    if (!box || !ids.length) { return; }
    var positions = network.getPositions(ids), low = Infinity, high = -Infinity;
    ids.forEach(function (id) { low = Math.min(low, positions[id].y); high = Math.max(high, positions[id].y); });
    var height = container.clientHeight, free = height - box.height - 16;
    var top = network.canvasToDOM({x: 0, y: low}).y - 24, bottom = network.canvasToDOM({x: 0, y: high}).y + 32;
    if (bottom <= free || free < height / 2) { return; }
    var scale = network.getScale() * Math.min(1, (free - 8) / (bottom - top));
    var middle = (low + high) / 2;
    var at = network.getViewPosition();
    network.moveTo({position: {x: at.x, y: middle + (height / 2 - (8 + free) / 2) / scale}, scale: scale, animation: false});
  }

  function build(data) {
    var old = state.network ? state.network.getPositions() : {};
    if (state.network) { state.network.destroy(); }
    var nodes = plainNodes(data.nodes);
    var hierarchical = !!(data.options || {}).hierarchical;
    if (!hierarchical) {
      // Nodes drawn before keep their place; the nodes of a cluster just opened start where it was.
      var opened = 0;
      nodes.forEach(function (n) {
        if (old[n.id]) {
          n.x = old[n.id].x; n.y = old[n.id].y;
        } else if (n.cluster && old[n.cluster]) {
          var r = 12 + 9 * Math.sqrt(opened), a = opened * 2.39996;
          n.x = old[n.cluster].x + r * Math.cos(a); n.y = old[n.cluster].y + r * Math.sin(a);
          opened += 1;
        }
      });
    }
    state.nodes = new vis.DataSet(nodes);
    state.edges = new vis.DataSet(plainEdges(data.edges));
    var opts = options(data);
    var network = new vis.Network(container, {nodes: state.nodes, edges: state.edges}, opts);
    state.network = network;
    mark("created" + (state.drawn + 1));
    window.cloudatlas = {network: network, nodes: state.nodes, edges: state.edges, timings: timings};
    network.on("beforeDrawing", drawBackground);
    network.on("afterDrawing", drawLegend);
    network.on("click", function (params) {
      if (params.nodes && params.nodes.length) {
        send("streamlit:setComponentValue", {value: {selected: String(params.nodes[0]), nonce: nonce()}, dataType: "json"});
      }
    });
    if (!nodes.length) {
      laidOut();
    } else if (opts.physics.enabled) {
      network.once("stabilizationIterationsDone", function () {
        network.setOptions({physics: {enabled: false}});
        fit(network);
        select(state.selected);
        laidOut();
      });
    } else {
      network.once("afterDrawing", function () {
        fit(network);
        select(state.selected);
        laidOut();
      });
    }
  }

  function update(data) {
    state.nodes.update(plainNodes(data.nodes));
    state.edges.update(plainEdges(data.edges));
    state.network.redraw();
    finished();
  }

  function render(args) {
    mark("render" + (state.drawn + 1));
    var data = args.data || {nodes: [], edges: [], legend: []};
    var height = Math.max(200, parseInt(args.height, 10) || 650);
    container.style.height = (height - TOOLBAR) + "px";
    send("streamlit:setFrameHeight", {height: height});
    state.legend = (data.legend || []).map(function (r) { return {text: String(r.text), colour: String(r.colour)}; });
    state.selected = args.selected ? String(args.selected) : null;
    var key = structureKey(data);
    var whole = JSON.stringify(data);
    if (!state.network || key !== state.key) {
      state.key = key;
      state.whole = whole;
      build(data);
    } else if (whole !== state.whole) {
      state.whole = whole;
      update(data);
      select(state.selected);
    } else {
      select(state.selected);
    }
    showStatus(data);
  }

  document.getElementById("save-png").addEventListener("click", function () {
    var canvas = container.querySelector("canvas");
    if (!canvas) { return; }
    var link = document.createElement("a");
    link.download = "cloudatlas-graph.png";
    link.href = canvas.toDataURL("image/png");
    document.body.appendChild(link);
    link.click();
    link.remove();
  });

  document.getElementById("fit").addEventListener("click", function () {
    if (state.network) { fit(state.network); }
  });

  window.addEventListener("message", function (event) {
    var msg = event.data;
    if (event.source !== window.parent || !msg || msg.type !== "streamlit:render") { return; }
    render(msg.args || {});
  });

  send("streamlit:componentReady", {apiVersion: 1});
})();
