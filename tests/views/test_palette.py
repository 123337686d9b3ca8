"""graph.views.palette: the legend's words for classes, as the centrality table shows them."""

from __future__ import annotations

from graph.views.palette import LEGEND, class_text


def test_class_text_uses_the_legend_words_in_legend_order():
    assert class_text(("DatabaseService",)) == "Database service"
    assert class_text(("AnalyticsService", "DataWarehouse")) == "Data warehouse, Analytics service"
    assert class_text(()) == "Other"
    assert class_text(("Gadget", "Engine")) == "Engine, Gadget"
    assert all(class_text((cls,)) == text for cls, text, _ in LEGEND)
