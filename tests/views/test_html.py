"""graph.views.html: a standalone page that works offline and keeps note text inert."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import networkx as nx
import pytest

from graph.views.drawing import view_data
from graph.views.html import ASSETS, drawing_script, json_for_script, to_html, vis_assets
from graph.views.selection import ViewSpec

HOSTILE = "</script><script>alert(1)</script><img src=x onerror=alert(2)>"


class Page(HTMLParser):
    """Tags, attributes and the text of each script of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[tuple[dict, str]] = []
        self._script: dict | None = None
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._script = dict(attrs)
            self.scripts.append((self._script, ""))

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None

    def handle_data(self, data):
        if self._script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)
        else:
            self.text.append(data)


def parse(page: str) -> Page:
    parser = Page()
    parser.feed(page)
    return parser


@pytest.fixture
def data() -> dict:
    g = nx.MultiDiGraph()
    g.add_node("x:evil", label=HOSTILE, classes=("Concept",), aliases=('<a href="http://e.org">link</a>',))
    g.add_node("x:rds", label="RDS", classes=("DatabaseService",), aliases=())
    g.add_edge("x:rds", "x:evil", key="mentions", sources=())
    return view_data(g, ViewSpec(size_by=None, physics=False))


def embedded(page: str) -> dict:
    scripts = [text for attrs, text in parse(page).scripts if attrs.get("type") == "application/json"]
    assert len(scripts) == 1
    return json.loads(scripts[0])


def test_hostile_labels_travel_as_data_not_markup(data) -> None:
    page = to_html(data)
    parsed = parse(page)
    assert [t for t, _ in parsed.tags if t == "img"] == []
    assert [attrs for attrs, _ in parsed.scripts] == [{}, {"type": "application/json", "id": "cloudatlas-data"}, {}, {}]
    assert HOSTILE not in page and "<script>alert(1)" not in page
    payload = embedded(page)
    labels = {n["id"]: n["label"] for n in payload["nodes"]}
    assert labels["x:evil"] == HOSTILE  # drawn on the canvas exactly as written
    titles = [n["title"] for n in payload["nodes"]]
    assert all(isinstance(t, str) for t in titles)
    assert 'also: <a href="http://e.org">link</a>' in titles[0]


def test_no_html_tooltips_even_with_href(data) -> None:
    page = to_html(data)
    own_code = page.replace(vis_assets()[0], "")
    assert "innerHTML" not in own_code and "htmlTitle" not in own_code
    assert all(isinstance(n["title"], str) for n in embedded(page)["nodes"])


def test_nothing_is_loaded_from_the_network(data) -> None:
    page = to_html(data)
    parsed = parse(page)
    for tag, attrs in parsed.tags:
        for name in ("src", "href", "action", "data", "srcset"):
            assert name not in attrs, (tag, attrs)
    assert not re.search(r"@import|url\(\s*['\"]?https?:", page)
    csp = [a["content"] for t, a in parsed.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert csp and "default-src 'none'" in csp[0] and "connect-src 'none'" in csp[0]
    js, css = vis_assets()
    assert js in page and css in page  # vis-network inlined from the pyvis package
    assert "@version 9.1.2" in js and "Apache 2.0 License" in js


def test_legend_and_title_are_escaped() -> None:
    data = {"nodes": [], "edges": [], "legend": [{"text": "<b>Engines</b>", "colour": "red;background:url(x)"}]}
    page = to_html(data, title="<i>atlas</i>")
    assert "<title>&lt;i&gt;atlas&lt;/i&gt;</title>" in page
    assert '<li><span class="swatch" style="background:#9d9d9d"></span>&lt;b&gt;Engines&lt;/b&gt;</li>' in page
    assert embedded(page)["legend"] == [{"text": "<b>Engines</b>", "colour": "#9d9d9d"}]


def test_legend_rows_of_the_view(data) -> None:
    page = to_html(data)
    assert embedded(page)["legend"] == [
        {"text": "Database service", "colour": "#4c78a8"},
        {"text": "Concept", "colour": "#d4a6c8"},
    ]
    assert ">Database service</li>" in page and ">Concept</li>" in page


def test_options_height_and_png_button(data) -> None:
    page = to_html(data, height="480px", interactive=False)
    payload = embedded(page)
    assert payload["interactive"] is False
    assert payload["options"] == {"physics": False, "hierarchical": False}
    assert "#network { width: 100%; height: 480px;" in page
    assert '<button id="save-png" type="button">Save PNG</button>' in page
    assert 'toDataURL("image/png")' in page
    assert "2 nodes, 1 edges" in "".join(parse(page).text)


def test_json_for_script_round_trips() -> None:
    value = {"a": "</script>&<!--", "b": "\u2028line"}
    text = json_for_script(value)
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == value


def test_the_drawing_code_is_the_app_components(data) -> None:
    """Options, legend and fit: one file, inlined here and loaded by the app's graph component."""
    from ui.graph_component import DRAWING_URL, FRONTEND

    page = to_html(data)
    scripts = [text for attrs, text in parse(page).scripts if not attrs]
    assert drawing_script() in scripts
    assert scripts.index(drawing_script()) < len(scripts) - 1  # before the page's own script, which uses it
    assert drawing_script() == (ASSETS / "drawing.js").read_text(encoding="utf-8")
    index = (FRONTEND / "index.html").read_text(encoding="utf-8")
    assert f'<script src="{DRAWING_URL}"></script>' in index
    assert index.index(DRAWING_URL) < index.index('src="main.js"')
    for code in (FRONTEND / "main.js").read_text(encoding="utf-8"), scripts[-1]:
        assert "CloudAtlasDrawing" in code
        assert "measureText" not in code and "fillText" not in code and "forceAtlas2Based" not in code
