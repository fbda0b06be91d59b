"""Mailwacht's compliance engine: judges an email draft against the Dutch anti-spam rules
(Telecommunicatiewet art. 11.7, the Tripolis and Carerix guidelines) and email platforms' practice.

Pure Python on BeautifulSoup and Jinja2; runs unchanged on CPython 3.11+ and in Pyodide. The public
entry points are :func:`py_core.engine.check` (Python objects) and :func:`py_core.api.handle`
(JSON in, JSON out: the boundary the browser extension and the command line use).
"""

__version__ = "0.1.0"
