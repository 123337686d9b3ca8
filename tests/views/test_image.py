"""Pictures of the network: formats, palette colours, labels, legend, layouts, speed."""

from __future__ import annotations

import io
import time
import xml.etree.ElementTree as ET

import networkx as nx
import numpy as np
import pytest
from matplotlib import image as mpimg

from graph.views.image import auto_size, render_image, wrap_label
from graph.views.palette import LEGEND, colour_for

SVG = "{http://www.w3.org/2000/svg}"
COLOUR = {cls: colour for cls, _, colour in LEGEND}


def rgb(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))


def svg_texts(data: bytes) -> list[str]:
    root = ET.fromstring(data)
    assert root.tag == SVG + "svg"
    return ["".join(el.itertext()).strip() for el in root.iter(SVG + "text")]


def pixels(png: bytes) -> np.ndarray:
    """The picture as an array of 0-255 RGB values."""
    return (mpimg.imread(io.BytesIO(png), format="png")[..., :3] * 255).round().astype(int)


def count_colour(img: np.ndarray, hex_colour: str) -> int:
    return int(np.all(img == rgb(hex_colour), axis=-1).sum())


def test_png_has_magic_and_the_requested_size(small):
    data = render_image(small, "png", size=(6, 4), dpi=50)
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert pixels(data).shape == (200, 300, 3)


def test_pdf_header(small):
    assert render_image(small, "pdf").startswith(b"%PDF-")


def test_svg_parses_with_labels_legend_and_edge_labels(small):
    texts = svg_texts(render_image(small, "svg", title="DAX and friends"))
    for label in ("DAX", "DynamoDB", "PITR", "CloudFront"):
        assert label in texts
    for legend in ("Database service", "Cache service", "Feature", "noted relation", "computed relation"):
        assert legend in texts
    assert "Engine" not in texts  # only the classes drawn are in the legend
    assert "Networking service" not in texts  # CloudFront is drawn as a cache
    assert {"caches", "hasFeature", "cachingLayer", "DAX and friends"} <= set(texts)


def test_edge_labels_can_be_switched_off(small):
    texts = svg_texts(render_image(small, "svg", edge_labels=False))
    assert "caches" not in texts
    assert "DAX" in texts


def test_png_fills_nodes_with_the_palette_colours(small):
    img = pixels(render_image(small, "png", dpi=60))
    for cls in ("CacheService", "DatabaseService", "Feature"):
        assert count_colour(img, COLOUR[cls]) > 100, cls
    assert count_colour(img, COLOUR["Engine"]) == 0
    assert count_colour(img, COLOUR["NetworkingService"]) == 0


def test_size_attribute_makes_bigger_nodes(small):
    small.nodes["cid:pitr"]["size"] = 40.0
    small.nodes["cid:dynamodb"]["size"] = 10.0
    small.nodes["cid:dax"]["size"] = 25.0
    small.nodes["cid:cloudfront"]["size"] = 25.0
    img = pixels(render_image(small, "png", dpi=60))
    big = count_colour(img, COLOUR["Feature"])
    tiny = count_colour(img, COLOUR["DatabaseService"])
    assert big > 2.5 * tiny > 0, (big, tiny)


def test_labels_are_drawn_in_the_png(small):
    before = render_image(small, "png", dpi=60)
    small.nodes["cid:pitr"]["label"] = "Point-in-Time Recovery"
    after = render_image(small, "png", dpi=60)
    assert before != after
    dark = np.all(pixels(after) < 80, axis=-1).sum()
    small.nodes["cid:pitr"]["label"] = ""
    assert np.all(pixels(render_image(small, "png", dpi=60)) < 80, axis=-1).sum() < dark


def test_marked_nodes_get_a_dark_border(small):
    plain = np.all(pixels(render_image(small, "png", dpi=60)) < 40, axis=-1).sum()
    small.nodes["cid:dax"]["marked"] = "highlight"
    marked = np.all(pixels(render_image(small, "png", dpi=60)) < 40, axis=-1).sum()
    assert marked > plain


@pytest.mark.parametrize("fmt", ["png", "svg", "pdf"])
def test_same_graph_same_bytes(small, fmt):
    assert render_image(small, fmt) == render_image(small.copy(), fmt)


def test_empty_graph_still_renders():
    assert "nothing to draw" in svg_texts(render_image(nx.MultiDiGraph(), "svg"))


def test_unknown_format_and_layout_are_refused(small):
    with pytest.raises(ValueError, match="unknown image format 'gif'"):
        render_image(small, "gif")
    with pytest.raises(ValueError, match="unknown layout 'circle'"):
        render_image(small, "png", layout="circle")


def test_long_labels_wrap():
    assert wrap_label("RDS") == "RDS"
    wrapped = wrap_label("DynamoDB Global table replication latency at most one second, usually less")
    assert wrapped.count("\n") == 2 and wrapped.endswith("…")


def test_undirected_graphs_draw_without_arrows():
    g = nx.path_graph(3)
    nx.set_node_attributes(g, {0: "zero", 1: "one", 2: "two"}, "label")
    texts = svg_texts(render_image(g, "svg"))
    assert {"zero", "one", "two", "Other"} <= set(texts)


def big_view(n: int = 400) -> nx.MultiDiGraph:
    """A view of ``n`` nodes shaped like the notes: services with features, limits and engines."""
    import random

    rng = random.Random(1)
    kinds = [cls for cls, _, _ in LEGEND if cls != "Note"]
    g = nx.MultiDiGraph()
    for i in range(n):
        cls = "DatabaseService" if i < 30 else rng.choice(kinds)
        g.add_node(f"cid:n{i}", label=f"{cls[:8]} node {i}", classes=(cls,), aliases=(), size=rng.random())
    for i in range(30, n):
        for hub in rng.sample(range(30), 2):
            g.add_edge(f"cid:n{hub}", f"cid:n{i}", key="hasFeature", predicate="hasFeature")
    return g


@pytest.mark.slow
def test_a_400_node_view_renders_quickly():
    g = big_view()
    render_image(big_view(20), "png")  # matplotlib import and font loading, once per process
    start = time.process_time()
    data = render_image(g, "png")
    spent = time.process_time() - start
    assert data[:4] == b"\x89PNG"
    assert pixels(data).shape[:2] == tuple(int(v * 100) for v in reversed(auto_size(400)))
    assert spent < 2.0, f"{spent:.2f} s of CPU for 400 nodes"


def test_colour_for_matches_what_is_drawn(small):
    """The legend rows of the SVG carry the fill of the node colours (one source of truth)."""
    data = render_image(small, "svg").decode()
    for node in small:
        assert colour_for(small.nodes[node]["classes"]) in data
