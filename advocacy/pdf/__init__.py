"""PDF documents: WeasyPrint with bundled assets only, PDF/UA tagging, run in worker processes.

Render through the pool, not in the web process: `get_pool().run(RENDER_TASK, html, ...)`.
Importing this package does not import WeasyPrint.
"""

from __future__ import annotations

from pathlib import Path

ASSETS_DIR = str(Path(__file__).resolve().parent / "assets")
RENDER_TASK = "advocacy.pdf.render:html_to_pdf"
