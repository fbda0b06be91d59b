"""Text from a draft made safe to print (issue 13): control characters shown, never obeyed.

A From name, subject, header or piece of evidence is the sender's (or an attacker's) text. Written
raw to a terminal, ``\\x1b]0;…`` sets the window title, ``\\x1b[2J`` clears the screen, an OSC 8
sequence makes a hyperlink; a newline in a one-line field starts a line of its own (a fake
``::error::`` annotation in CI logs). :func:`escape` writes every such character as a visible
escape: ``\\x1b``, ``\\n``, ``\\u2028``. Escaped are the C0 and C1 controls and DEL, the Unicode
line and paragraph separators, and the bidirectional overrides and isolates (which reorder what
a reader sees, "Trojan Source"). Everything else, including any other non-ASCII text, is kept.
"""

from __future__ import annotations

import re

#: C0 controls, DEL, C1 controls, U+2028/U+2029, bidi embeddings/overrides/isolates, BOM-less marks
#: that change direction (U+200E/U+200F, U+061C).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _visible(match: re.Match[str]) -> str:
    char = match.group(0)
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape(value: object) -> str:
    """``value`` as text with every control character written as a visible escape (one line)."""
    text = value if isinstance(value, str) else str(value)
    if _UNSAFE.search(text) is None:
        return text
    return _UNSAFE.sub(_visible, text)
