"""A pattern made to try one position only when ``match``-ed there, however long the text.

Where every match of a pattern must contain some literal (``tháng``, ``phần``), the ``regex``
module first looks for that literal in the whole rest of the text before it tries a ``match`` at a
position: a shortcut for a search, but a ``match`` at one position, asked at every number or every
candidate, then costs the length of the text after it. An alternative that never matches
(``(?!)``) leaves no literal that every match contains, so a match is one attempt. (Not
``[^\\s\\S]``: this build of ``regex`` matches any character with it.)
"""
from __future__ import annotations


def matched_in_place(pattern: str) -> str:
    """``pattern`` as a group that matches exactly what ``pattern`` does, without the scan ahead."""
    return rf"(?:{pattern}|(?!))"
