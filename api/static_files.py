"""Static files (our scripts and styles, plotly.min.js, Swagger UI) served compressed and cached.

plotly.min.js is 4.8 MB; gzip makes it about 1.4 MB, once per process (kept in memory). Pages ask
for every asset by an address that carries a fingerprint of its content (`asset_url`: ?v=…), so a
browser may keep it for a year without asking again; a new release changes the fingerprint and
thereby the address. An address without a fingerprint is cached for an hour only.
"""

from __future__ import annotations

import gzip
import hashlib
import threading
from functools import lru_cache
from pathlib import Path

from starlette.datastructures import Headers
from starlette.responses import Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

COMPRESSIBLE = {".js", ".css", ".svg", ".json", ".html", ".map", ".txt"}
MIN_SIZE = 1024  # smaller files gain nothing from compression
FOREVER = "public, max-age=31536000, immutable"
AN_HOUR = "public, max-age=3600"


class CompressedStatic(StaticFiles):
    """StaticFiles that answers `Accept-Encoding: gzip` with a compressed copy made once, and sets
    Cache-Control (a year for fingerprinted addresses, an hour otherwise)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._lock = threading.Lock()
        self._gzipped: dict[tuple[str, float], bytes] = {}

    async def get_response(self, path: str, scope: Scope) -> Response:
        response = await super().get_response(path, scope)
        if response.status_code not in (200, 304):
            return response
        versioned = b"v=" in scope.get("query_string", b"")
        response.headers["Cache-Control"] = FOREVER if versioned else AN_HOUR
        if response.status_code != 200:
            return response
        full = self._file(path)
        if full is None or full.suffix not in COMPRESSIBLE or full.stat().st_size < MIN_SIZE:
            return response
        response.headers["Vary"] = "Accept-Encoding"
        if "gzip" not in Headers(scope=scope).get("accept-encoding", ""):
            return response
        body = self._compressed(full)
        headers = {k: v for k, v in response.headers.items() if k.lower() not in ("content-length", "content-encoding")}
        headers["Content-Encoding"] = "gzip"
        return Response(body, status_code=200, headers=headers, media_type=response.media_type)

    def _file(self, path: str) -> Path | None:
        full, stat = self.lookup_path(path)
        return Path(full) if full and stat else None

    def _compressed(self, full: Path) -> bytes:
        key = (str(full), full.stat().st_mtime)
        with self._lock:
            found = self._gzipped.get(key)
        if found is None:
            found = gzip.compress(full.read_bytes(), compresslevel=6, mtime=0)
            with self._lock:
                self._gzipped[key] = found
        return found


@lru_cache(maxsize=256)
def fingerprint(path: str, mtime: float) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:12]


def asset_url(prefix: str, folder: Path, name: str) -> str:
    """`/static/app.css?v=3f2a…`: the address of a file with a fingerprint of its content."""
    full = folder / name
    try:
        return f"{prefix}/{name}?v={fingerprint(str(full), full.stat().st_mtime)}"
    except OSError:
        return f"{prefix}/{name}"
