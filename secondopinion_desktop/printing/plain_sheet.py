"""A plain page of text under a heading (the scripts of what to say), as HTML; no Qt."""

from __future__ import annotations

from html import escape


def plain_sheet_html(title: str, text: str) -> str:
    """`text` line by line under `title`, in large type; blank lines stay."""
    body = "".join(
        f'<p style="font-size: 14pt;">{escape(line)}</p>' if line else "<br>"
        for line in text.split("\n")
    )
    return f'<h1 style="font-size: 20pt;">{escape(title)}</h1>{body}'
