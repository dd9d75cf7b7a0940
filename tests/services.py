"""Recorded answers of Crossref, arXiv, DBLP, ORCID and OpenAlex, served on 127.0.0.1.

The import commands reach it through the LABSITE_*_URL variables, exactly as they reach the real
services: nothing of our own HTTP client is replaced. Routes map a path (and query) to a recorded
file in tests/recorded/ (see its README for where each came from), or to a misbehaviour: 404,
429 with Retry-After (then the recording), 500, or an answer slower than the client's timeout.
"""

from __future__ import annotations

import contextlib
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

RECORDED = Path(__file__).parent / "recorded"


@dataclass
class Route:
    file: str | None = None
    status: int = 200
    content_type: str = "application/json"
    busy_first: int = 0
    """Answer this many requests with 429 (Retry-After: 1) before answering."""
    delay: float = 0.0


@dataclass
class Services:
    routes: dict[str, Route] = field(default_factory=dict)
    hits: list[tuple[str, str]] = field(default_factory=list)
    """(path with query, User-Agent) of every request, in order."""
    url: str = ""

    def env(self) -> dict[str, str]:
        return {
            "LABSITE_CROSSREF_URL": f"{self.url}/crossref",
            "LABSITE_ARXIV_URL": f"{self.url}/arxiv",
            "LABSITE_DBLP_URL": f"{self.url}/dblp",
            "LABSITE_ORCID_URL": f"{self.url}/orcid",
            "LABSITE_OPENALEX_URL": f"{self.url}/openalex",
            "LABSITE_HTTP_TIMEOUT": "1",
            "LABSITE_HTTP_RETRIES": "2",
            "LABSITE_HTTP_BACKOFF": "0.1",
            "LABSITE_HTTP_MIN_INTERVAL": "0",  # the live services' spacing is tested with a clock of our own
        }


def serve(services: Services) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            wanted = unquote(parts.path) + (f"?{unquote(parts.query)}" if parts.query else "")
            services.hits.append((wanted, self.headers.get("User-Agent", "")))
            route = next((r for prefix, r in services.routes.items() if wanted.startswith(prefix)), None)
            if route is None:
                return self._send(404, "text/plain", b"not found")
            if route.busy_first:
                route.busy_first -= 1
                self.send_response(429)
                self.send_header("Retry-After", "1")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            if route.delay:
                time.sleep(route.delay)
            body = (RECORDED / route.file).read_bytes() if route.file else b""
            return self._send(route.status, route.content_type, body)

        def _send(self, status: int, content_type: str, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client gave up (timeout test)
                self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    services.url = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
