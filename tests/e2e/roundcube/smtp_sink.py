"""SMTP sink for the Roundcube end-to-end tests: every message it receives becomes one file.

Usage: ``python smtp_sink.py FOLDER`` (from the project's .venv, where ``aiosmtpd`` is pinned in
requirements-dev.txt). Listens on 127.0.0.1 on a free port, prints ``{"port": N}`` as one JSON line
on stdout once it accepts connections, and writes each message (the DATA as received) to
``FOLDER/NNNN.eml``, first under a temporary name and then renamed, so a test that counts ``*.eml``
never sees half a message. Runs until it is terminated (SIGTERM/SIGINT).
"""

from __future__ import annotations

import json
import os
import signal
import socket
import sys
import threading
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller


class FolderHandler:
    """aiosmtpd handler: accept every message and write it to its own file."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # aiosmtpd calls handle_<COMMAND>
        with self.lock:
            self.count += 1
            number = self.count
        data = envelope.original_content or envelope.content
        if isinstance(data, str):
            data = data.encode("utf-8", "surrogateescape")
        header = f"X-Sink-Mail-From: {envelope.mail_from}\r\nX-Sink-Rcpt-To: {', '.join(envelope.rcpt_tos)}\r\n"
        partial = self.folder / f".{number:04d}.part"
        partial.write_bytes(header.encode("utf-8") + data)
        os.replace(partial, self.folder / f"{number:04d}.eml")
        return "250 Message accepted for delivery"


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: smtp_sink.py FOLDER", file=sys.stderr)
        return 2
    folder = Path(argv[1])
    folder.mkdir(parents=True, exist_ok=True)
    controller = Controller(FolderHandler(folder), hostname="127.0.0.1", port=free_port())
    controller.start()  # returns once the server answers (aiosmtpd connects to itself to check)
    print(json.dumps({"port": controller.port}), flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    controller.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
