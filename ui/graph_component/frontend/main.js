/*
 * CloudAtlas graph component: draws the view data with vis-network and reports node clicks to Python.
 *
 * Speaks the Streamlit component protocol (API version 1) by hand, with window.postMessage:
 *   -> parent  {isStreamlitMessage: true, type: "streamlit:componentReady", apiVersion: 1}
 *   <- parent  {type: "streamlit:render", args: {data, height, selected}}
 *   -> parent  {isStreamlitMessage: true, type: "streamlit:setComponentValue", value, dataType: "json"}
 *              value: {selected: node_id, nonce} for a click, {drawn: true, nonce} once the first drawing is shown
 *   -> parent  {isStreamlitMessage: true, type: "streamlit:setFrameHeight", height}
 *
 * Text from the notes only ever reaches the page as canvas text, textContent, or vis-network string
 * tooltips (shown with innerText): never as HTML.
 *
 * Cluster nodes of an overview (cluster: true) are clicked like any node; Python opens them. When a cluster
 * opens, its members (cluster: "<its id>") start around the place it had.
 *
 * The options, background, legend and fit come from graph/views/assets/drawing.js (window.CloudAtlasDrawing), which
 * the standalone HTML page shares; index.html loads it from the "cloudatlas_drawing" component beside this one.
 *
 * vis-network loads asynchronously (index.html): this script says it is ready at once, so that Streamlit sends
 * the data while vis-network is still being fetched and parsed; a render that comes before vis-network waits for
 * it (only the latest such render is drawn).
 *
 * Labels stay legible at every zoom (CloudAtlasDrawing.labels): the most important are drawn at a readable size,
 * the others once zoomed in or hovered. "Save PNG" downloads the drawing at twice the canvas size.
 *
 * Node positions are kept: a physics layout, once settled (or after a node is dragged), is saved in the tab's
 * sessionStorage under its set of nodes and edges (the latest POSITIONS_KEPT of them); drawing the same set again,
 * for instance when coming back to the page, starts from there with no layout run. Until the user zooms or pans,
 * the drawing is fitted again when the frame changes size.
 *
 * For tests and benchmarks: window.cloudatlas = {network, nodes, edges, timings, labels}; <body data-drawn="N">
 * counts finished drawings, data-layouts="N" the new layouts among them (a different set of nodes or
 * edges, layout done), each set in the frame after the canvas painted it; timings holds performance.now()
 * marks (script, vis, render1, created1, drawn1 ...).
 */
(function () {
  "use strict";

  var TOOLBAR = 34;
  var POSITIONS = "cloudatlas.positions.";
  var POSITIONS_KEPT = 12;
  var drawing = window.CloudAtlasDrawing;
  var timings = {script: Math.round(performance.now())};
  var state = {network: null, nodes: null, edges: null, key: null, legend: [], selected: null, drawn: 0, layouts: 0,
               labels: null, moved: false, keep: false};
  var container = document.getElementById("network");
  var statusText = document.getElementById("status");
  var visScript = document.getElementById("vis-network");
  var waiting = null;  // the latest render args that came before vis-network

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
    if (state.layouts === 1) {  // the first drawing is on screen: Python may draw the rest of the page now
      send("streamlit:setComponentValue", {value: {drawn: true, nonce: nonce()}, dataType: "json"});
    }
  }

  // Where the positions of a set of nodes and edges are kept in sessionStorage (a hash of its structure key).
  function storageKey(key) {
    var h = 0;
    for (var i = 0; i < key.length; i += 1) { h = (h * 31 + key.charCodeAt(i)) | 0; }
    return POSITIONS + (h >>> 0).toString(36) + "." + key.length.toString(36);
  }

  function keptPositions(key) {
    try {
      var text = window.sessionStorage.getItem(storageKey(key));
      var kept = text ? JSON.parse(text) : null;
      return kept && kept.key === key ? kept.positions : null;
    } catch (e) {
      return null;
    }
  }

  function keepPositions(network) {
    if (network !== state.network || !state.keep) { return; }
    try {
      var name = storageKey(state.key), order = JSON.parse(window.sessionStorage.getItem(POSITIONS + "order") || "[]");
      order = order.filter(function (k) { return k !== name; });
      order.push(name);
      while (order.length > POSITIONS_KEPT) { window.sessionStorage.removeItem(order.shift()); }
      window.sessionStorage.setItem(name, JSON.stringify({key: state.key, positions: network.getPositions()}));
      window.sessionStorage.setItem(POSITIONS + "order", JSON.stringify(order));
    } catch (e) {
      // storage full or refused: positions are simply not kept
    }
  }

  // A layout is done: fit it above the legend, select, draw it, and count it once that frame is on screen.
  function settle(network) {
    if (network !== state.network) { return; }
    select(state.selected);
    fit(network);
    keepPositions(network);
    network.once("afterDrawing", function () { window.requestAnimationFrame(laidOut); });
    network.redraw();
  }

  function showStatus(data) {
    var c = data.counts || {nodes: (data.nodes || []).length, edges: (data.edges || []).length};
    statusText.textContent = c.nodes + " nodes · " + c.edges + " edges · click a node for its details";
  }

  // Each selectNodes or unselectAll draws the whole canvas at once: only call them for a change.
  function select(id) {
    if (!state.network) { return; }
    var now = state.network.getSelectedNodes();
    if (id && state.nodes.get(id)) {
      if (now.length !== 1 || now[0] !== id) { state.network.selectNodes([id]); }
    } else if (now.length || state.network.getSelectedEdges().length) {
      state.network.unselectAll();
    }
  }

  // Fit above the legend with the labels sized for that zoom (twice: the labels' size changes what fits).
  function fit(network) {
    drawing.fit(network, container, state.legend);
    if (state.labels) {
      state.labels.refresh();
      drawing.fit(network, container, state.legend);
      state.labels.refresh();
    }
    state.moved = false;
  }

  function build(data) {
    var first = !state.network;
    var old = first ? {} : state.network.getPositions();
    if (!first) { state.network.destroy(); }
    var nodes = plainNodes(data.nodes);
    var hierarchical = !!(data.options || {}).hierarchical;
    // A first drawing laid out by the server starts from there; later ones from what is shown.
    // A drawing laid out by the server starts from there when it is the first, or when most of its nodes are new
    // (a new focus); otherwise nodes drawn before keep their place and the server's positions are not used.
    var drawnBefore = nodes.filter(function (n) { return old[n.id]; }).length;
    var placed = !!(data.options || {}).placed && (first || drawnBefore < nodes.length / 2);
    var physics = (data.options || {}).physics !== false;
    var key = structureKey(data);
    var kept = !hierarchical && physics ? keptPositions(key) : null;
    if (kept && !nodes.every(function (n) { return kept[n.id]; })) { kept = null; }
    state.keep = !hierarchical && physics;
    if (kept) {  // this set of nodes was drawn before in this tab: as it was
      nodes.forEach(function (n) { n.x = kept[n.id].x; n.y = kept[n.id].y; });
    } else if (!hierarchical && !placed) {
      // Nodes drawn before keep their place; the nodes of a cluster just opened start where it was.
      var opened = 0;
      nodes.forEach(function (n) {
        if ((data.options || {}).placed) { delete n.x; delete n.y; }
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
    var opts = drawing.options(data, true, placed);
    if (kept) { opts.physics.enabled = false; }
    var network = new vis.Network(container, {nodes: state.nodes, edges: state.edges}, opts);
    state.network = network;
    state.labels = drawing.labels(network, state.nodes, container);
    mark("created" + (state.drawn + 1));
    window.cloudatlas = {network: network, nodes: state.nodes, edges: state.edges, timings: timings,
                         labels: state.labels, kept: !!kept};
    network.on("zoom", function () { state.moved = true; });
    network.on("dragEnd", function (params) {
      if (params.nodes && params.nodes.length) { keepPositions(network); } else { state.moved = true; }
    });
    network.on("beforeDrawing", drawing.background);
    network.on("afterDrawing", function (ctx) { drawing.drawLegend(ctx, state.legend); });
    network.on("click", function (params) {
      if (params.nodes && params.nodes.length) {
        send("streamlit:setComponentValue", {value: {selected: String(params.nodes[0]), nonce: nonce()}, dataType: "json"});
      }
    });
    if (!nodes.length) {
      settle(network);
    } else if (opts.physics.enabled) {
      network.once("stabilizationIterationsDone", function () {
        network.setOptions({physics: {enabled: false}});
        settle(network);
      });
    } else {
      network.once("afterDrawing", function () { setTimeout(function () { settle(network); }, 0); });
    }
  }

  function update(data) {
    state.nodes.update(plainNodes(data.nodes));
    var edges = plainEdges(data.edges);
    edges.forEach(function (e) {  // vis-network keeps an edge's label when updated with an empty one
      var old = state.edges.get(e.id);
      if (e.label === "" && old && old.label) { e.label = " "; }
    });
    state.edges.update(edges);
    state.labels.forget();
    state.labels.refresh();
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

  document.getElementById("save-png").addEventListener("click", function () { drawing.savePng(container, state.network); });

  document.getElementById("fit").addEventListener("click", function () {
    if (state.network) { fit(state.network); }
  });

  // Until the user zooms or pans, a change of the frame's size fits the drawing again.
  if (window.ResizeObserver) {
    var width = 0;
    new window.ResizeObserver(function () {
      var now = container.clientWidth;
      if (now === width) { return; }
      width = now;
      if (state.network && !state.moved && state.drawn) {
        window.requestAnimationFrame(function () { if (state.network) { fit(state.network); } });
      }
    }).observe(container);
  }

  function renderWhenLoaded(args) {
    if (window.vis) {
      render(args);
      return;
    }
    if (waiting === null) {
      visScript.addEventListener("load", function () {
        var latest = waiting;
        waiting = null;
        render(latest);
      });
    }
    waiting = args;
  }

  window.addEventListener("message", function (event) {
    var msg = event.data;
    if (event.source !== window.parent || !msg || msg.type !== "streamlit:render") { return; }
    renderWhenLoaded(msg.args || {});
  });

  if (window.vis) {
    mark("vis");
  } else {
    visScript.addEventListener("load", function () { mark("vis"); });
  }
  send("streamlit:componentReady", {apiVersion: 1});
})();
