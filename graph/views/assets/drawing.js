/*
 * CloudAtlas drawing helpers, shared by the app's graph component (ui/graph_component/frontend/main.js loads this
 * file) and the standalone HTML page (graph/views/html.py inlines it): the vis-network options of a view, a white
 * background, the legend along the bottom of the canvas, a fit that keeps the drawing above the legend, labels kept
 * legible at every zoom, and a PNG at twice the canvas size.
 *
 *   CloudAtlasDrawing.options(data, interactive, placed)
 *                                                     vis-network options for view data (its "options" and size);
 *                                                     placed: its nodes start where the server laid them out
 *   CloudAtlasDrawing.background(ctx)                 "beforeDrawing" handler: paint the canvas white
 *   CloudAtlasDrawing.legendBox(ctx, rows, width)     where the legend rows ({text, colour}) go; null when none
 *   CloudAtlasDrawing.drawLegend(ctx, rows)           draw them on the canvas ("afterDrawing")
 *   CloudAtlasDrawing.fit(network, container, rows)   show every node, never zoomed in beyond 1.3x, above the legend
 *   CloudAtlasDrawing.labels(network, nodes, container)
 *                                                     keep labels legible: {refresh(), forget(), shown(), boxes()}
 *   CloudAtlasDrawing.savePng(container, network)     download the drawing as a PNG at PNG_SCALE times the canvas
 *   CloudAtlasDrawing.pngCanvas(network)              that drawing as a canvas (what savePng downloads)
 *   CloudAtlasDrawing.LABEL_PX                        {low, high}: on-screen sizes of the labels drawn
 *
 * Labels: at any zoom, a label is drawn at LABEL_PX.low to LABEL_PX.high pixels on screen (its font size follows the
 * zoom), or not at all. The most important nodes get theirs first (the hovered and selected node, then marked ones,
 * then clusters of an overview, then the biggest); a label that would overlap one already placed is left out until the view is zoomed in far
 * enough, or its node is hovered. Edge labels show once zoomed in (those of a path sooner).
 *
 * Legend text reaches the page only as canvas text; a colour that is not a CSS hex colour is drawn grey.
 */
(function (root) {
  "use strict";

  var COLOUR = /^#[0-9a-fA-F]{3,8}$/;
  var LABEL_PX = {low: 13, high: 18};
  var HIDDEN_PX = 2;        // a label not placed is this small on screen: below the draw threshold, so not drawn
  var DRAW_THRESHOLD = 8;   // vis-network draws no label smaller than this (minus one) on screen
  var PNG_SCALE = 2;

  // A physics layout runs a bounded number of steps, then is frozen. Views laid out by the server
  // (view_data(..., placed=True)) only need a few steps to settle.
  function stabilisation(many, placed) {
    return placed ? Math.min(40, 10 + Math.round(many / 10)) : Math.min(200, 60 + Math.round(many / 2));
  }

  function options(data, interactive, placed) {
    var opts = data.options || {};
    var many = (data.nodes || []).length;
    var physics = opts.physics !== false;
    var steps = stabilisation(many, !!placed && !opts.hierarchical);
    interactive = interactive !== false;
    var o = {
      autoResize: true,
      nodes: {shape: "dot", borderWidthSelected: 3,
              font: {size: 14, face: "sans-serif", color: "#1a202c", strokeWidth: 3, strokeColor: "#ffffff"},
              scaling: {label: {enabled: false, drawThreshold: DRAW_THRESHOLD, maxVisible: 40}}},
      edges: {smooth: false, font: {size: 10, face: "sans-serif", color: "#4a5568", strokeWidth: 3, align: "middle"},
              scaling: {label: {drawThreshold: 14, maxVisible: 16}},
              arrows: {to: {enabled: true, scaleFactor: 0.5}}, selectionWidth: 2},
      interaction: {hover: interactive, tooltipDelay: 150, dragNodes: interactive, dragView: interactive,
                    zoomView: interactive, selectable: interactive, navigationButtons: false, keyboard: false,
                    hideEdgesOnDrag: many > 300},
      physics: {enabled: physics, solver: "forceAtlas2Based",
                forceAtlas2Based: {gravitationalConstant: -60, springLength: 110, avoidOverlap: 0.8},
                stabilization: {enabled: true, iterations: steps, updateInterval: 100, fit: false}},
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

  function background(ctx) {
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
    ctx.restore();
  }

  // The legend sits along the bottom of the canvas, in as many rows as its width needs.
  function legendBox(ctx, rows, width) {
    if (!rows || !rows.length) { return null; }
    ctx.font = "12px sans-serif";
    var items = [], x = 16, line = 0, widest = 0;
    rows.forEach(function (r) {
      var text = String(r.text);
      var w = ctx.measureText(text).width + 30;
      if (x > 16 && x + w > width - 16) { line += 1; x = 16; }
      items.push({text: text, colour: String(r.colour), x: x, line: line});
      x += w;
      widest = Math.max(widest, x);
    });
    return {items: items, lines: line + 1, width: widest - 8, height: 18 * (line + 1) + 8};
  }

  function drawLegend(ctx, rows) {
    var ratio = ctx.canvas.width / (ctx.canvas.clientWidth || ctx.canvas.width) || 1;
    var width = ctx.canvas.width / ratio, height = ctx.canvas.height / ratio;
    ctx.save();
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    var box = legendBox(ctx, rows, width);
    if (!box) { ctx.restore(); return; }
    var top = height - box.height - 8;
    ctx.fillStyle = "rgba(255, 255, 255, 0.92)";
    ctx.strokeStyle = "#cbd5e0";
    ctx.fillRect(8, top, box.width, box.height);
    ctx.strokeRect(8.5, top + 0.5, box.width, box.height);
    ctx.textBaseline = "middle";
    box.items.forEach(function (item) {
      var y = top + 13 + 18 * item.line;
      ctx.beginPath();
      ctx.arc(item.x + 4, y, 5, 0, 2 * Math.PI);
      ctx.fillStyle = COLOUR.test(item.colour) ? item.colour : "#9d9d9d";
      ctx.fill();
      ctx.fillStyle = "#1a202c";
      ctx.fillText(item.text, item.x + 13, y);
    });
    ctx.restore();
  }

  // Fit every node, labels included (each node's box), into the canvas above the legend, with a margin.
  function fit(network, container, rows) {
    network.fit({animation: false, maxZoomLevel: 1.3});
    var ids = Object.keys(network.getPositions());
    var width = container.clientWidth, height = container.clientHeight;
    if (!ids.length || !width || !height) { return; }
    var box = legendBox(document.createElement("canvas").getContext("2d"), rows, width);
    var free = box ? height - box.height - 16 : height;
    if (free < height / 2) { free = height; }
    var left = Infinity, right = -Infinity, top = Infinity, bottom = -Infinity;
    ids.forEach(function (id) {
      var b = network.getBoundingBox(id);
      if (!b) { return; }
      left = Math.min(left, b.left); right = Math.max(right, b.right);
      top = Math.min(top, b.top); bottom = Math.max(bottom, b.bottom);
    });
    if (!isFinite(left)) { return; }
    var margin = 16;
    var scale = Math.min((width - 2 * margin) / Math.max(right - left, 1),
                         (free - 2 * margin) / Math.max(bottom - top, 1), 1.3);
    network.moveTo({position: {x: (left + right) / 2, y: (top + bottom) / 2 + (height - free) / 2 / scale},
                    scale: scale, animation: false});
  }

  // Which labels to draw, and how big: {sizes: {id: on-screen pixels, or 0 for none}, boxes: [where they go]}.
  // items are in order of importance.
  function planLabels(network, items, width, height) {
    var scale = network.getScale();
    var ctx = document.createElement("canvas").getContext("2d");
    var positions = network.getPositions(items.map(function (n) { return n.id; }));
    var placed = [], plan = {}, dots = [];  // the labels placed, and the dots of the nodes seen so far
    function overlaps(b, o) { return b.x0 < o.x1 && o.x0 < b.x1 && b.y0 < o.y1 && o.y0 < b.y1; }
    items.forEach(function (n) {
      var at = positions[n.id];
      if (!at) { plan[n.id] = 0; return; }
      at = network.canvasToDOM(at);
      var r = n.size * scale, inner = 0.75 * r;  // a label may graze a dot's edge
      var dot = {x0: at.x - inner, x1: at.x + inner, y0: at.y - inner, y1: at.y + inner};
      if (!n.label) { plan[n.id] = 0; dots.push(dot); return; }
      var px = Math.max(LABEL_PX.low, Math.min(LABEL_PX.high, n.base * scale));
      ctx.font = px + "px sans-serif";
      var lines = n.label.split("\n"), w = 0;
      lines.forEach(function (line) { w = Math.max(w, ctx.measureText(line).width); });
      var h = lines.length * px * 1.2;
      var b = {x0: at.x - w / 2 - 2, x1: at.x + w / 2 + 2, y0: at.y + r, y1: at.y + r + h + 2};
      var inside = b.x0 >= 0 && b.x1 <= width && b.y0 >= 0 && b.y1 <= height;  // whole, on the canvas
      // A label covers no label placed before it, nor the dot of a more important node.
      var free = n.force || (inside && !placed.some(function (o) { return overlaps(b, o); }) &&
                             !dots.some(function (o) { return overlaps(b, o); }));
      plan[n.id] = free ? px : 0;
      if (free) { b.id = n.id; placed.push(b); }
      dots.push(dot);
    });
    return {sizes: plan, boxes: placed};
  }

  function labels(network, nodes, container) {
    var hovered = null, applied = {}, bases = {}, timer = null, boxes = [];
    var RANK = {highlight: 0, path: 0, focus: 1, match: 2};

    function items() {
      var selected = {};
      network.getSelectedNodes().forEach(function (id) { selected[id] = true; });
      var list = nodes.get().map(function (n) {
        if (!(n.id in bases)) { bases[n.id] = ((n.font || {}).size) || 14; }
        var force = n.id === hovered || !!selected[n.id] || RANK[n.marked] <= 1;  // marked ones always have theirs
        var rank = force ? -1 : n.marked in RANK ? RANK[n.marked] : n.dimmed ? 4 : n.cluster === true ? 2.5 : 3;
        return {id: n.id, label: n.label == null ? "" : String(n.label), base: bases[n.id], size: n.size || 16,
                force: force, rank: rank, node: n};
      });
      list.sort(function (a, b) { return a.rank - b.rank || b.size - a.size || (a.id < b.id ? -1 : 1); });
      return list;
    }

    function refresh() {
      if (timer) { clearTimeout(timer); timer = null; }
      var scale = network.getScale();
      var list = items(), planned = planLabels(network, list, container.clientWidth, container.clientHeight);
      var plan = planned.sizes;
      boxes = planned.boxes;
      var changes = [];
      list.forEach(function (n) {
        var size = Math.round(100 * (plan[n.id] || HIDDEN_PX) / scale) / 100;
        if (applied[n.id] !== size) {
          applied[n.id] = size;
          // the whole node (an update of the font alone would give it its group's default colours), but not
          // where it started: x and y would move it back there
          var change = Object.assign({}, n.node, {font: Object.assign({}, n.node.font, {size: size})});
          delete change.x;
          delete change.y;
          changes.push(change);
        }
      });
      if (changes.length) { nodes.update(changes); }
    }

    function later() {
      if (timer) { clearTimeout(timer); }
      timer = setTimeout(refresh, 90);
    }

    network.on("zoom", later);
    network.on("dragEnd", later);
    network.on("resize", later);
    network.on("selectNode", later);
    network.on("deselectNode", later);
    network.on("hoverNode", function (params) { hovered = String(params.node); refresh(); });
    network.on("blurNode", function () { hovered = null; later(); });
    return {
      refresh: refresh,
      forget: function () { applied = {}; bases = {}; },  // after new data came in (fonts at their base)
      boxes: function () { return boxes.slice(); },  // where the labels drawn are, on screen: {id, x0, x1, y0, y1}
      shown: function () {
        var scale = network.getScale(), out = {};
        nodes.get().forEach(function (n) {
          var px = ((n.font || {}).size || 0) * scale;
          if (px >= DRAW_THRESHOLD - 1) { out[n.id] = Math.round(px * 10) / 10; }
        });
        return out;
      }
    };
  }

  // The drawing redrawn at PNG_SCALE (or the screen's pixel ratio, when higher) times the canvas's CSS size.
  function pngCanvas(network) {
    var canvas = network.canvas, element = canvas.frame.canvas;
    var ratio = Math.max(PNG_SCALE, window.devicePixelRatio || 1);
    var own = canvas._determinePixelRatio;
    canvas._determinePixelRatio = function () { return ratio; };
    var copy = document.createElement("canvas");
    try {
      canvas.setSize();
      network.redraw();
      copy.width = element.width;
      copy.height = element.height;
      copy.getContext("2d").drawImage(element, 0, 0);
    } finally {
      canvas._determinePixelRatio = own;
      canvas.setSize();
      network.redraw();
    }
    return copy;
  }

  function savePng(container, network) {
    var canvas = network ? pngCanvas(network) : container.querySelector("canvas");
    if (!canvas) { return; }
    var link = document.createElement("a");
    link.download = "cloudatlas-graph.png";
    link.href = canvas.toDataURL("image/png");
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  root.CloudAtlasDrawing = {options: options, background: background, legendBox: legendBox, drawLegend: drawLegend,
                            fit: fit, labels: labels, pngCanvas: pngCanvas, savePng: savePng, LABEL_PX: LABEL_PX,
                            PNG_SCALE: PNG_SCALE};
})(window);
