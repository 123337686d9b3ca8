"""Views: takes the networkx graph of the store and gives what is drawn and exported: the selection,
its level of detail, node details, the palette, layouts, the interactive HTML page, PNG / SVG / PDF
pictures, data exports and result tables.
"""

from graph.views.details import LimitRow, Neighbour, NodeDetails, SourceLine, node_details, note_refs, number_text
from graph.views.drawing import (
    CLUSTER,
    CLUSTER_SIZES,
    EDGE_LABEL_LIMIT,
    MAX_SIZE,
    MIN_SIZE,
    PLACED_LIMIT,
    STATIC_LAYOUT_LIMIT,
    cluster_title,
    node_title,
    view_data,
)

# The function ``export`` is not re-exported: its name is the module's (import it from graph.views.export).
from graph.views.export import (
    DATA_FORMATS,
    EXPORT_FORMATS,
    PAGE_FORMATS,
    PICTURE_FORMATS,
    RDF_FORMATS,
    ExportFormat,
    export_data,
    export_view,
    file_stem,
    graphml_ready,
    view_store,
)
from graph.views.html import ASSETS, VIS_VERSION, drawing_script, json_for_script, to_html, vis_assets
from graph.views.image import IMAGE_FORMATS, auto_size, render_image, wrap_label
from graph.views.layout import (
    LAYOUTS,
    LEVEL_WIDTH,
    SPRING_LENGTH,
    force_positions,
    layer_levels,
    layers,
    layout_positions,
    spiral_positions,
    wrap_levels,
)
from graph.views.lod import (
    AGGREGATE,
    CLUSTER_CLASS,
    CLUSTER_PREFIX,
    LABEL_MEMBERS,
    NAMED_MEMBERS,
    cluster_id,
    cluster_label,
    is_cluster,
    overview,
)
from graph.views.palette import LEGEND, OTHER, colour_for, legend_for, primary_class
from graph.views.selection import ViewSpec, class_options, graph_path, scores_for, search, select_view
from graph.views.tables import TABLE_FORMATS, render

__all__ = [
    # palette
    "LEGEND",
    "OTHER",
    "colour_for",
    "legend_for",
    "primary_class",
    # lod
    "AGGREGATE",
    "CLUSTER_CLASS",
    "CLUSTER_PREFIX",
    "LABEL_MEMBERS",
    "NAMED_MEMBERS",
    "cluster_id",
    "cluster_label",
    "is_cluster",
    "overview",
    # details
    "LimitRow",
    "Neighbour",
    "NodeDetails",
    "SourceLine",
    "node_details",
    "note_refs",
    "number_text",
    # selection
    "ViewSpec",
    "class_options",
    "graph_path",
    "scores_for",
    "search",
    "select_view",
    # layout
    "LAYOUTS",
    "LEVEL_WIDTH",
    "SPRING_LENGTH",
    "force_positions",
    "layer_levels",
    "layers",
    "layout_positions",
    "spiral_positions",
    "wrap_levels",
    # drawing
    "CLUSTER",
    "CLUSTER_SIZES",
    "EDGE_LABEL_LIMIT",
    "MAX_SIZE",
    "MIN_SIZE",
    "PLACED_LIMIT",
    "STATIC_LAYOUT_LIMIT",
    "cluster_title",
    "node_title",
    "view_data",
    # html
    "ASSETS",
    "VIS_VERSION",
    "drawing_script",
    "json_for_script",
    "to_html",
    "vis_assets",
    # image
    "IMAGE_FORMATS",
    "auto_size",
    "render_image",
    "wrap_label",
    # export
    "DATA_FORMATS",
    "EXPORT_FORMATS",
    "PAGE_FORMATS",
    "PICTURE_FORMATS",
    "RDF_FORMATS",
    "ExportFormat",
    "export_data",
    "export_view",
    "file_stem",
    "graphml_ready",
    "view_store",
    # tables
    "TABLE_FORMATS",
    "render",
]
