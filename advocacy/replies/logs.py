"""Keep reply codes out of the logs: the request lines of /<lang>/reply/<code> are logged without it.

The development server (`advocacy run`, werkzeug), gunicorn's access and error logs and the
app's own logger (which names the path of a request that failed) all pass through this filter.
A reverse proxy in front keeps its own logs: see the README's privacy note.
"""

from __future__ import annotations

import logging
import re

CODE_IN_PATH = re.compile(r"(/reply/)[^\s\"'?#]+")
HIDDEN = r"\1[code]"
LOGGERS = ("werkzeug", "gunicorn.access", "gunicorn.error")


class HideReplyCodes(logging.Filter):
    """Replace whatever follows /reply/ in a log line by [code]."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # a malformed record is not ours to mend
            return True
        hidden = CODE_IN_PATH.sub(HIDDEN, message)
        if hidden != message:
            record.msg, record.args = hidden, ()
        return True


def hide_reply_codes(*extra: logging.Logger) -> None:
    """Add the filter to the servers' loggers and to the given ones (once each)."""
    for logger in [*(logging.getLogger(name) for name in LOGGERS), *extra]:
        if not any(isinstance(f, HideReplyCodes) for f in logger.filters):
            logger.addFilter(HideReplyCodes())
