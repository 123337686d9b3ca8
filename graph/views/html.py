"""View data → one standalone, offline HTML page with an interactive vis-network drawing (pure).

The page inlines vis-network 9.1.2 from the pyvis package (``pyvis/lib/vis-9.1.2``),
so it opens without network access. pyvis's own page template is not used: even
with ``cdn_resources="in_line"`` it links Bootstrap from a CDN, and it turns every
tooltip into HTML as soon as one title contains ``href``. Here tooltips stay plain
text (vis-network shows string titles with ``innerText``), the data travels as
JSON inside a ``<script type="application/json">`` block with ``<``, ``>`` and
``&`` escaped, the few HTML texts (title, legend) go through :func:`html.escape`,
and a Content-Security-Policy allows no external resource at all.

The page draws a legend on the canvas and has a "Save PNG" button that downloads
the drawing at twice the canvas size. Labels stay legible at every zoom, nodes and edges outside a
highlight or path are drawn faded (both as in the app). Options, legend and fit are those of
the app's graph view: ``assets/drawing.js`` (:func:`drawing_script`), inlined too.

Public API (stable)::

    to_html(view_data, *, height="700px", interactive=True, title="CloudAtlas graph") -> str
    VIS_VERSION -> "9.1.2"

Examples
--------
>>> page = to_html({"nodes": [{"id": "a", "label": "<A>", "title": "<A>"}], "edges": [], "legend": []})
>>> page.startswith("<!DOCTYPE html>"), "<A>" in page, "\\\\u003cA\\\\u003e" in page
(True, False, True)
>>> "https://" in page.split("<script>")[0]
False
"""

from __future__ import annotations

import html
import json
import re
from functools import cache
from importlib import resources
from pathlib import Path

__all__ = ["to_html", "json_for_script", "vis_assets", "drawing_script", "VIS_VERSION", "ASSETS"]

VIS_VERSION = "9.1.2"
#: Browser code shared with the app's graph component (:mod:`ui.graph_component` serves this folder).
ASSETS = Path(__file__).resolve().parent / "assets"

_SCRIPT_ESCAPES = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))
_COLOUR = re.compile(r"#[0-9a-fA-F]{3,8}")
_CSP = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "img-src data: blob:; font-src data:; connect-src 'none'; form-action 'none'; base-uri 'none'"
)


@cache
def drawing_script() -> str:
    """``assets/drawing.js``: the options, legend and fit the app's graph component uses too (read once).

    >>> "CloudAtlasDrawing" in drawing_script()
    True
    """
    return (ASSETS / "drawing.js").read_text(encoding="utf-8")


@cache
def vis_assets() -> tuple[str, str]:
    """The vis-network JavaScript and CSS shipped with pyvis, as text (read once).

    >>> js, css = vis_assets()
    >>> "vis-network" in js[:200], "vis.js may be distributed under either license" in js[:2000]
    (True, True)
    """
    lib = resources.files("pyvis") / "lib" / f"vis-{VIS_VERSION}"
    js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    css = (lib / "vis-network.css").read_text(encoding="utf-8")
    return js, css


def json_for_script(data: object) -> str:
    """JSON that is safe inside a ``<script>`` element: ``<``, ``>``, ``&`` and line separators escaped.

    >>> json_for_script({"a": "</script><b>&"})
    '{"a": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(data, ensure_ascii=False, default=str)
    for char, code in _SCRIPT_ESCAPES:
        text = text.replace(char, code)
    return text


def _plain(value: object) -> str:
    return "" if value is None else str(value)


def _colour(value: object) -> str:
    """A CSS hex colour, or grey for anything else."""
    text = _plain(value)
    return text if _COLOUR.fullmatch(text) else "#9d9d9d"


def _clean_nodes(nodes: list[dict]) -> list[dict]:
    """Nodes with ``label`` and ``title`` forced to plain strings (never HTML elements)."""
    out = []
    for node in nodes:
        node = dict(node)
        node["id"] = _plain(node.get("id"))
        node["label"] = _plain(node.get("label", node["id"]))
        node["title"] = _plain(node.get("title", node["label"]))
        out.append(node)
    return out


def _clean_edges(edges: list[dict]) -> list[dict]:
    out = []
    for edge in edges:
        edge = dict(edge)
        for key in ("from", "to", "label", "title"):
            if key in edge:
                edge[key] = _plain(edge[key])
        out.append(edge)
    return out


_SCRIPT = r"""
(function () {
  "use strict";
  var drawing = window.CloudAtlasDrawing;
  var data = JSON.parse(document.getElementById("cloudatlas-data").textContent);
  var interactive = data.interactive !== false;
  var legend = data.legend || [];
  var container = document.getElementById("network");
  var nodes = new vis.DataSet(data.nodes || []);
  var edges = new vis.DataSet(data.edges || []);
  var options = drawing.options(data, interactive, !!(data.options || {}).placed);
  var network = new vis.Network(container, {nodes: nodes, edges: edges}, options);
  network.on("beforeDrawing", drawing.background);
  network.on("afterDrawing", function (ctx) { drawing.drawLegend(ctx, legend); });
  var labels = drawing.labels(network, nodes, container);
  function settle() {
    drawing.fit(network, container, legend);
    labels.refresh();
    drawing.fit(network, container, legend);
    labels.refresh();
    network.once("afterDrawing", function () {
      window.requestAnimationFrame(function () { document.body.setAttribute("data-drawn", "1"); });
    });
    network.redraw();
  }
  if (!nodes.length) {
    settle();
  } else if (options.physics.enabled) {
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({physics: {enabled: false}});
      settle();
    });
  } else {
    network.once("afterDrawing", function () { setTimeout(settle, 0); });
  }
  document.getElementById("save-png").addEventListener("click", function () { drawing.savePng(container, network); });
  window.cloudatlas = {network: network, nodes: nodes, edges: edges, labels: labels};
})();
"""


def to_html(
    view_data: dict,
    *,
    height: str = "700px",
    interactive: bool = True,
    title: str = "CloudAtlas graph",
) -> str:
    """A standalone HTML page drawing ``view_data`` (from :func:`graph.views.drawing.view_data`).

    Parameters
    ----------
    view_data : dict
        ``nodes``, ``edges``, ``legend`` and ``options`` as :func:`graph.views.drawing.view_data` gives them.
    height : str, default "700px"
        CSS height of the drawing.
    interactive : bool, default True
        Allow dragging, zooming, hovering and selecting; False gives a still picture.
    title : str
        The page title and heading (escaped).

    Returns
    -------
    str
        The page: vis-network inlined, no external resource, plain-text tooltips,
        a legend on the canvas and in the page, and a "Save PNG" button.

    Examples
    --------
    >>> page = to_html({"nodes": [], "edges": [], "legend": [{"class": "Engine", "text": "E<ngine>",
    ...     "colour": "#eeca3b"}]}, title="a <b>", interactive=False)
    >>> "<title>a &lt;b&gt;</title>" in page, "E&lt;ngine&gt;" in page, '"interactive": false' in page
    (True, True, True)
    """
    js, css = vis_assets()
    legend = view_data.get("legend", [])
    payload = {
        "nodes": _clean_nodes(list(view_data.get("nodes", []))),
        "edges": _clean_edges(list(view_data.get("edges", []))),
        "legend": [{"text": _plain(r.get("text")), "colour": _colour(r.get("colour"))} for r in legend],
        "options": dict(view_data.get("options", {})),
        "interactive": bool(interactive),
    }
    legend_items = "".join(
        f'<li><span class="swatch" style="background:{row["colour"]}"></span>{html.escape(row["text"])}</li>'
        for row in payload["legend"]
    )
    counts = f"{len(payload['nodes'])} nodes, {len(payload['edges'])} edges"
    safe_title = html.escape(title)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{safe_title}</title>
<style>{css}</style>
<style>
body {{ margin: 0; font-family: sans-serif; color: #1a202c; background: #ffffff; }}
header {{ display: flex; align-items: center; gap: 1em; padding: 6px 10px; flex-wrap: wrap; }}
header h1 {{ font-size: 16px; margin: 0; font-weight: 600; }}
header .counts {{ color: #4a5568; font-size: 13px; }}
header button {{ margin-left: auto; font: inherit; font-size: 13px; padding: 4px 10px; cursor: pointer; }}
#network {{ width: 100%; height: {html.escape(height)}; border-top: 1px solid #e2e8f0; }}
ul.legend {{ list-style: none; margin: 0; padding: 4px 10px; display: flex; flex-wrap: wrap; gap: 4px 14px;
  font-size: 12px; }}
.visually-hidden {{ position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }}
ul.legend .swatch {{ display: inline-block; width: 10px; height: 10px; border-radius: 50%; margin-right: 5px; }}
div.vis-tooltip {{ white-space: pre-line; font-family: sans-serif; font-size: 12px; max-width: 420px; }}
</style>
<script>{js}</script>
</head>
<body>
<header><h1>{safe_title}</h1><span class="counts">{counts}</span>
<button id="save-png" type="button">Save PNG</button></header>
<div id="network"></div>
<ul class="legend visually-hidden" aria-label="Legend">{legend_items}</ul>
<script type="application/json" id="cloudatlas-data">{json_for_script(payload)}</script>
<script>{drawing_script()}</script>
<script>{_SCRIPT}</script>
</body>
</html>
"""
