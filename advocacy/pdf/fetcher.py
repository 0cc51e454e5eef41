"""A WeasyPrint URL fetcher that serves bundled assets and refuses everything else.

Documents name their assets `asset:letter.css` (or `letter.css`, resolved against the
`asset:` base URL). urllib does not resolve relative references for a private scheme, so a
relative reference always means a path from the assets directory, even inside a stylesheet.
Every refusal raises `AssetRefused`, which WeasyPrint reports as a missing resource.
"""

from __future__ import annotations

import base64
import binascii
import logging
import mimetypes
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from urllib.parse import SplitResult, unquote, unquote_to_bytes, urlsplit

from weasyprint.urls import URLFetcher, URLFetcherResponse

BASE_URL = "asset:"
# Raster images only: an SVG is a document that could fetch more, and is parsed as XML.
_DATA_IMAGE_CHECKS: dict[str, Callable[[bytes], bool]] = {
    "image/png": lambda body: body.startswith(b"\x89PNG\r\n\x1a\n"),
    "image/jpeg": lambda body: body.startswith(b"\xff\xd8\xff"),
    "image/gif": lambda body: body[:6] in (b"GIF87a", b"GIF89a"),
    "image/webp": lambda body: body[:4] == b"RIFF" and body[8:12] == b"WEBP",
}
_MAX_DATA_URL = 4 * 1024 * 1024
_KNOWN_SCHEMES = frozenset({"file", "http", "https", "ftp", "data", "javascript", "blob", "about"})

logger = logging.getLogger(__name__)


class AssetRefused(ValueError):
    """A URL that is not a bundled asset."""


class AssetFetcher(URLFetcher):
    """Serve `asset:` URLs from one directory and raster `data:` images; refuse the rest."""

    def __init__(self, assets_dir: str | os.PathLike[str]) -> None:
        # No protocol is allowed to the inherited urllib machinery, and fetch() never calls it.
        super().__init__(allowed_protocols=(), allow_redirects=False, fail_on_errors=False)
        self.root = Path(assets_dir).resolve(strict=True)

    def fetch(self, url: str, headers: Mapping[str, str] | None = None) -> URLFetcherResponse:
        """Return the bundled asset or data image that url names, or raise AssetRefused."""
        try:
            parts = urlsplit(url)
        except ValueError:
            raise _refuse("a malformed URL") from None
        scheme = parts.scheme.lower()
        if scheme == "data":
            return _data_image(url)
        if scheme not in ("asset", ""):
            raise _refuse(f"a {scheme if scheme in _KNOWN_SCHEMES else 'non-asset'}: URL")
        path, name = self._asset_path(parts)
        content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        if content_type.startswith("text/"):
            content_type += "; charset=utf-8"
        return URLFetcherResponse(f"{BASE_URL}{name}", path.read_bytes(), {"Content-Type": content_type})

    def _asset_path(self, parts: SplitResult) -> tuple[Path, str]:
        """Map an asset URL to a file inside the assets directory."""
        name = unquote(parts.path)
        if parts.netloc or not name or name.startswith("/") or "\\" in name or "\0" in name:
            raise _refuse("an asset URL with a host or an absolute path")
        if ".." in name.split("/"):
            raise _refuse("an asset path that climbs out of the assets directory")
        path = (self.root / name).resolve()  # follows symlinks, so the check below sees their target
        if not path.is_relative_to(self.root):
            raise _refuse("an asset that links outside the assets directory")
        if not path.is_file():
            raise _refuse("a missing asset")
        return path, name


def _data_image(url: str) -> URLFetcherResponse:
    """Decode a data: URL holding a PNG, JPEG, GIF or WebP image."""
    if len(url) > _MAX_DATA_URL:
        raise _refuse("an oversized data: URL")
    header, comma, data = url[len("data:") :].partition(",")
    media_type, *params = (part.strip().lower() for part in header.split(";"))
    looks_right = _DATA_IMAGE_CHECKS.get(media_type)
    if not comma or looks_right is None:
        raise _refuse("a data: URL that is not a raster image")
    body = unquote_to_bytes(data)
    if "base64" in params:
        try:
            body = base64.b64decode(body)
        except binascii.Error:
            raise _refuse("a data: URL with bad base64") from None
    # Checked because WeasyPrint parses what Pillow cannot open as SVG, whatever the type says.
    if not looks_right(body):
        raise _refuse("a data: URL whose content is not the image type it claims")
    return URLFetcherResponse("data:", body, {"Content-Type": media_type})


def _refuse(what: str) -> AssetRefused:
    """Log and build a refusal; the URL stays out of the log, as it may quote the document."""
    logger.warning("PDF rendering refused %s", what)
    return AssetRefused(f"refused {what}")
