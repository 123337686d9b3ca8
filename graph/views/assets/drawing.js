/*
 * CloudAtlas drawing helpers, shared by the app's graph component (ui/graph_component/frontend/main.js loads this
 * file) and the standalone HTML page (graph/views/html.py inlines it): the vis-network options of a view, a white
 * background, the legend along the bottom of the canvas, and a fit that keeps the drawing above the legend.
 *
 *   CloudAtlasDrawing.options(data, interactive, placed)
 *                                                     vis-network options for view data (its "options" and size);
 *                                                     placed: its nodes start where the server laid them out
 *   CloudAtlasDrawing.background(ctx)                 "beforeDrawing" handler: paint the canvas white
 *   CloudAtlasDrawing.legendBox(ctx, rows, width)     where the legend rows ({text, colour}) go; null when none
 *   CloudAtlasDrawing.drawLegend(ctx, rows)           draw them on the canvas ("afterDrawing")
 *   CloudAtlasDrawing.fit(network, container, rows)   show every node, never zoomed in beyond 1.3x, above the legend
 *   CloudAtlasDrawing.savePng(container)              download what the canvas in container shows, as a PNG
 *
 * Legend text reaches the page only as canvas text; a colour that is not a CSS hex colour is drawn grey.
 */
(function (root) {
  "use strict";

  var COLOUR = /^#[0-9a-fA-F]{3,8}$/;

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
              font: {size: 14, face: "sans-serif", color: "#1a202c", strokeWidth: 3, strokeColor: "#ffffff"}},
      edges: {smooth: false, font: {size: 10, face: "sans-serif", color: "#4a5568", strokeWidth: 3, align: "middle"},
              arrows: {to: {enabled: true, scaleFactor: 0.5}}, selectionWidth: 2},
      interaction: {hover: interactive, tooltipDelay: 150, dragNodes: interactive, dragView: interactive,
                    zoomView: interactive, selectable: interactive, navigationButtons: false, keyboard: false,
                    hideEdgesOnDrag: many > 300},
      physics: {enabled: physics, solver: "forceAtlas2Based",
                forceAtlas2Based: {gravitationalConstant: -60, springLength: 110, avoidOverlap: 0.4},
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
    ctx.font = "11px sans-serif";
    var items = [], x = 16, line = 0, widest = 0;
    rows.forEach(function (r) {
      var text = String(r.text);
      var w = ctx.measureText(text).width + 28;
      if (x > 16 && x + w > width - 16) { line += 1; x = 16; }
      items.push({text: text, colour: String(r.colour), x: x, line: line});
      x += w;
      widest = Math.max(widest, x);
    });
    return {items: items, lines: line + 1, width: widest - 8, height: 16 * (line + 1) + 8};
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
      var y = top + 12 + 16 * item.line;
      ctx.beginPath();
      ctx.arc(item.x + 4, y, 5, 0, 2 * Math.PI);
      ctx.fillStyle = COLOUR.test(item.colour) ? item.colour : "#9d9d9d";
      ctx.fill();
      ctx.fillStyle = "#1a202c";
      ctx.fillText(item.text, item.x + 13, y);
    });
    ctx.restore();
  }

  function fit(network, container, rows) {
    network.fit({animation: false, maxZoomLevel: 1.3});
    var box = legendBox(document.createElement("canvas").getContext("2d"), rows, container.clientWidth);
    var positions = network.getPositions(), ids = Object.keys(positions);
    if (!box || !ids.length) { return; }
    var low = Infinity, high = -Infinity;
    ids.forEach(function (id) { low = Math.min(low, positions[id].y); high = Math.max(high, positions[id].y); });
    var height = container.clientHeight, free = height - box.height - 16;
    var top = network.canvasToDOM({x: 0, y: low}).y - 24, bottom = network.canvasToDOM({x: 0, y: high}).y + 32;
    if (bottom <= free || free < height / 2) { return; }
    var scale = network.getScale() * Math.min(1, (free - 8) / (bottom - top));
    var at = network.getViewPosition();
    network.moveTo({position: {x: at.x, y: (low + high) / 2 + (height / 2 - (8 + free) / 2) / scale},
                    scale: scale, animation: false});
  }

  function savePng(container) {
    var canvas = container.querySelector("canvas");
    if (!canvas) { return; }
    var link = document.createElement("a");
    link.download = "cloudatlas-graph.png";
    link.href = canvas.toDataURL("image/png");
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  root.CloudAtlasDrawing = {options: options, background: background, legendBox: legendBox,
                            drawLegend: drawLegend, fit: fit, savePng: savePng};
})(window);
