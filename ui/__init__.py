"""Streamlit-only helpers of the CloudAtlas app: shared state, the graph component, sidebar and panels.

Nothing under ``graph/`` imports this package; the pages import it.
"""

__all__: list[str] = []
