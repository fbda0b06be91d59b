"""The colour of each severity, the one table every surface draws from (issue 12 §3).

The marks and cards (extension overlay), the send dialog, the popup and the compliance summary all
colour a finding by its severity; a ``review`` finding (the engine cannot decide) is grey. ``light``
is for light pages, ``dark`` for dark ones; each colour reaches WCAG AA (4.5:1) as text on white
(light) or on #202124 (dark). ``build.py`` writes these into ``extension/shared/constants.js``.
"""

from __future__ import annotations

#: severity -> {"light": colour, "dark": colour}; ``review`` is a finding's kind, not a severity.
SEVERITY_COLOURS: dict[str, dict[str, str]] = {
    "error": {"light": "#c5221f", "dark": "#f28b82"},
    "warning": {"light": "#b06000", "dark": "#fdd663"},
    "info": {"light": "#1967d2", "dark": "#8ab4f8"},
    "review": {"light": "#5f6368", "dark": "#bdc1c6"},
}
