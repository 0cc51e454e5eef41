"""Cache public responses in each worker, keyed by the dataset version.

Public pages depend only on the URL and the loaded data: nothing about the visitor
is stored or varies the page. An import changes the data version, which retires
every cached page at once.
"""

from __future__ import annotations

import functools
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from flask import Response, current_app, make_response, request

from advocacy.core.extensions import db
from advocacy.core.web import settings
from advocacy.records.dataset import current_version

MAX_ENTRIES = 2048


class PageCache:
    """A small least-recently-used map from (version, URL) to a finished response."""

    def __init__(self, max_entries: int = MAX_ENTRIES) -> None:
        self.entries: OrderedDict[tuple[str, str], tuple[bytes, int, list[tuple[str, str]]]] = OrderedDict()
        self.max_entries = max_entries

    def get(self, key: tuple[str, str]) -> tuple[bytes, int, list[tuple[str, str]]] | None:
        entry = self.entries.get(key)
        if entry is not None:
            self.entries.move_to_end(key)
        return entry

    def put(self, key: tuple[str, str], value: tuple[bytes, int, list[tuple[str, str]]]) -> None:
        self.entries[key] = value
        self.entries.move_to_end(key)
        while len(self.entries) > self.max_entries:
            self.entries.popitem(last=False)


def cached(view: Callable[..., Any]) -> Callable[..., Response]:
    """Serve a view from the page cache, with an ETag for conditional requests."""

    @functools.wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Response:
        cache: PageCache = current_app.extensions.setdefault("advocacy_page_cache", PageCache())
        key = (data_version(), page_stamps(), request.full_path)
        entry = cache.get(key)
        if entry is None:
            response = make_response(view(*args, **kwargs))
            if response.status_code != 200 or not settings().page_cache:
                return response
            response.add_etag()
            entry = (response.get_data(), response.status_code, list(response.headers.items()))
            cache.put(key, entry)
        body, status, headers = entry
        return Response(body, status=status, headers=headers).make_conditional(request)

    return wrapper


def page_stamps() -> str:
    """What else public pages show that changes between data versions (features register a stamp)."""
    return "|".join(stamp() for stamp in current_app.extensions.get("advocacy_page_stamps", ()))


def data_version() -> str:
    """Return the loaded data's version, read from the database at most once per TTL."""
    ttl = settings().data_version_ttl
    stamp = current_app.extensions.get("advocacy_data_version")
    now = time.monotonic()
    if stamp is None or now - stamp[1] >= ttl:
        stamp = (current_version(db.session) or "", now)
        current_app.extensions["advocacy_data_version"] = stamp
    return stamp[0]
