"""A reply code's row: what the letter was about and, once reported, whether they answered.

Nothing here names or points at the campaigner: the code itself is never stored, only a
keyed digest of it, and that digest is forgotten when the report can no longer be corrected.
"""

from __future__ import annotations

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from advocacy.core.extensions import Model
from advocacy.countries.models import CODE, ENUM, ID


class ReplyCode(Model):
    """One letter's reply code and its report (one per code; a correction replaces it)."""

    __tablename__ = "reply_code"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    # HMAC-SHA256 of the code with the app's secret; None once the report is closed for good.
    digest: Mapped[str | None] = mapped_column(String(64), unique=True)
    country: Mapped[str] = mapped_column(CODE)
    action: Mapped[str] = mapped_column(String(60))
    chamber: Mapped[str] = mapped_column(ID, default="", server_default="")  # "" when not known
    # The member written to, only when chosen from the chamber's list: a public figure's id.
    member: Mapped[str] = mapped_column(ID, default="", server_default="")
    member_name: Mapped[str] = mapped_column(String(200), default="", server_default="")
    week: Mapped[str] = mapped_column(String(8), index=True)  # ISO week of issue, "2026-W50"
    # The report: "" until reported; then "not-yet", "yes" or "form-letter".
    replied: Mapped[str] = mapped_column(ENUM, default="", server_default="", index=True)
    took: Mapped[str] = mapped_column(ENUM, default="", server_default="")  # weeks, as a choice
    stance: Mapped[str] = mapped_column(ENUM, default="", server_default="")
    # Raised by every report and correction, so the public pages' cache notices a change.
    revision: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
