"""Display helpers of the dashboard: :func:`md` (data shown literally in Markdown) and the
number, money, percentage and date formats, which live in :mod:`pipelines.formatting` (one home
for the command line, the dashboard and the reports) and are re-exported here."""

from __future__ import annotations

import re

from pipelines.formatting import (  # noqa: F401 (re-exported for the pages)
    NBSP,
    change,
    date,
    money,
    money_short,
    number,
    percent,
    points,
    signed_percent,
)

#: punctuation that starts Markdown, HTML or Streamlit syntax anywhere in a line (links, images,
#: emphasis, code, tags, entities, ``:red[...]``, ``:material/icon:``, ``$latex$``, bare
#: ``http://`` and ``www.`` links); CommonMark lets each be escaped with a backslash
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#!|~$:&.])")
#: what starts a list or a heading only at the beginning of a line: ``- x``, ``+ x``, ``1) x``
_LINE_START = re.compile(r"^(\s*)([-+=]|\d+\))")


def md(value: object) -> str:
    """A data value as Markdown that shows it literally: no link, image, HTML, emphasis, icon
    or formula can come from data. Every data value put into st.markdown, st.caption, st.info,
    st.success, st.warning, st.error, a subheader or a widget label goes through here."""
    text = "" if value is None else str(value)
    text = text.replace("\r", " ").replace("\n", " ")
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return _LINE_START.sub(lambda m: m[1] + "\\" + m[2], text)
