"""Text from the notes shown through Streamlit's Markdown without becoming Markdown.

Widget labels, ``st.markdown``, ``st.caption``, ``st.info`` and friends render Markdown
(links, images, HTML-looking text); a label such as ``![x](http://example.org/t.png)``
in someone's notes must show as those characters, not fetch an image. Prefer
``st.text``, ``st.code`` and ``st.dataframe`` for such text; where Markdown cannot
be avoided, pass it through :func:`md_escape`.

Public API (stable)::

    md_escape(text) -> str

Examples
--------
>>> md_escape("![x](http://e.org/t.png) <b>*RDS*</b>")
'\\\\!\\\\[x\\\\]\\\\(http\\\\://e.org/t.png\\\\) \\\\<b\\\\>\\\\*RDS\\\\*\\\\</b\\\\>'
>>> md_escape("1. first\\n- second")
'1\\\\. first\\n\\\\- second'
"""

from __future__ import annotations

import re

__all__ = ["md_escape"]

_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#!|~$:=^])")
_LINE_START = re.compile(r"^(\s*)(\d+)([.)])|^(\s*)([-+])", re.MULTILINE)


def md_escape(text: object) -> str:
    """``text`` with every Markdown-significant character backslash-escaped, so it renders as written."""
    escaped = _SPECIAL.sub(r"\\\1", "" if text is None else str(text))
    return _LINE_START.sub(lambda m: f"{m[1]}{m[2]}\\{m[3]}" if m[2] else f"{m[4]}\\{m[5]}", escaped)
