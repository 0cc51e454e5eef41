"""A chamber's members, as imported from its own list."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ForeignKey, Text, event
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Mapped, Mapper, mapped_column

from advocacy.core.extensions import Model
from advocacy.countries.models import DATE, ENUM, ID
from advocacy.representatives.rows import search_text, sort_key


class Representative(Model):
    """A member of a chamber, as imported from the chamber's own list (CSV or Popolo)."""

    __tablename__ = "representative"
    # Deferred, so that `data import` may delete and re-insert the chambers in one transaction.
    chamber_id: Mapped[str] = mapped_column(
        ID, ForeignKey("chamber.id", deferrable=True, initially="DEFERRED"), primary_key=True
    )
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    given_name: Mapped[str | None] = mapped_column(Text)
    family_name: Mapped[str | None] = mapped_column(Text)
    # Chooses the salutation: neutral, feminine ("Madame la Députée"), masculine.
    form_of_address: Mapped[str] = mapped_column(ENUM, default="neutral", server_default="neutral")
    constituency: Mapped[str | None] = mapped_column(Text)
    party: Mapped[str | None] = mapped_column(Text)
    email: Mapped[str | None] = mapped_column(Text)
    postal_address: Mapped[str | None] = mapped_column(Text)
    source_url: Mapped[str | None] = mapped_column(Text)
    as_of: Mapped[str | None] = mapped_column(DATE)
    # Kept by the listener below: folded name and constituency for search, folded family name for order.
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="")
    sort_key: Mapped[str] = mapped_column(Text, default="", server_default="")


@event.listens_for(Representative, "before_insert")
@event.listens_for(Representative, "before_update")
def _refresh_search_keys(mapper: Mapper[Any], connection: Connection, target: Representative) -> None:
    """Keep the folded search and sort keys in step with the names."""
    values = {key: getattr(target, key) for key in ("name", "given_name", "family_name", "constituency")}
    target.search_text = search_text(values)
    target.sort_key = sort_key(values)
