"""The public record's models: one table per data file, plus dataset metadata.

Column names match the field names in data/datapackage.json so that import and
export can map rows to models without a hand-written table per file.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from advocacy.core.extensions import Model

ID = String(80)
CODE = String(8)
DATE = String(10)  # partial ISO date: YYYY, YYYY-MM or YYYY-MM-DD
ENUM = String(40)


class Sourced:
    """Columns every fact carries: where it was read and how sure we are."""

    source_url: Mapped[str | None] = mapped_column(Text)
    source_title: Mapped[str] = mapped_column(Text)
    confidence: Mapped[str] = mapped_column(ENUM)
    verified: Mapped[bool] = mapped_column(Boolean)
    # The date of the evidence, not of the import; None when the sources give none.
    as_of: Mapped[str | None] = mapped_column(DATE)


class Instrument(Sourced, Model):
    """A treaty, agreement or memorandum between a country and the PRC or Hong Kong."""

    __tablename__ = "instrument"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    country: Mapped[str] = mapped_column(CODE, index=True)
    counterpart: Mapped[str] = mapped_column(CODE)
    instrument: Mapped[str] = mapped_column(ENUM)
    status: Mapped[str] = mapped_column(ENUM)
    signed: Mapped[str | None] = mapped_column(DATE)
    # Each side's ratification (the country's; the PRC's or Hong Kong's), where the sources date it.
    ratified: Mapped[str | None] = mapped_column(DATE)
    ratified_by_counterpart: Mapped[str | None] = mapped_column(DATE)
    in_force: Mapped[str | None] = mapped_column(DATE)
    suspended: Mapped[str | None] = mapped_column(DATE)
    suspended_by_counterpart: Mapped[str | None] = mapped_column(DATE)
    ended: Mapped[str | None] = mapped_column(DATE)
    notes: Mapped[str | None] = mapped_column(Text)


class Ruling(Sourced, Model):
    """A court or treaty-body decision on an extradition to the PRC."""

    __tablename__ = "ruling"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    country: Mapped[str] = mapped_column(CODE, index=True)
    date: Mapped[str] = mapped_column(DATE)
    court: Mapped[str] = mapped_column(Text)
    case_name: Mapped[str] = mapped_column(Text)
    outcome: Mapped[str] = mapped_column(ENUM)
    # Why, as far as the row's source states it: only human-rights or fair-trial grounds
    # let a letter cite the ruling as a refusal on human-rights grounds (letters.context).
    grounds: Mapped[str] = mapped_column(ENUM, default="not-stated")
    summary: Mapped[str] = mapped_column(Text)


class Case(Sourced, Model):
    """A reported (attempted) involuntary return; restricted unless public is true."""

    __tablename__ = "case_report"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    country: Mapped[str] = mapped_column(CODE, index=True)
    year: Mapped[int] = mapped_column(Integer)
    method: Mapped[str] = mapped_column(ENUM)
    outcome: Mapped[str] = mapped_column(ENUM)
    target_group: Mapped[str] = mapped_column(Text)
    person: Mapped[str] = mapped_column(Text)
    public: Mapped[bool] = mapped_column(Boolean, index=True)
    summary: Mapped[str] = mapped_column(Text)


class Figure(Sourced, Model):
    """A headline figure, worldwide or for one country."""

    __tablename__ = "figure"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    scope: Mapped[str] = mapped_column(CODE, index=True)
    metric: Mapped[str] = mapped_column(ENUM)
    # Kept as the text the data file gives, so export returns the same bytes.
    value: Mapped[str] = mapped_column(String(40))
    qualifier: Mapped[str] = mapped_column(ENUM)
    unit: Mapped[str] = mapped_column(ENUM)
    period_start: Mapped[str | None] = mapped_column(DATE)
    period_end: Mapped[str | None] = mapped_column(DATE)
    statement: Mapped[str] = mapped_column(Text)


class Chamber(Sourced, Model):
    """A parliamentary chamber and its written-question procedure."""

    __tablename__ = "chamber"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    country: Mapped[str] = mapped_column(CODE, index=True)
    name: Mapped[str] = mapped_column(Text)
    procedure: Mapped[str | None] = mapped_column(Text)
    written_questions: Mapped[bool] = mapped_column(Boolean)
    languages: Mapped[str] = mapped_column(Text)
    serves: Mapped[str] = mapped_column(Text)
    word_limit: Mapped[int | None] = mapped_column(Integer)
    subquestion_limit: Mapped[int | None] = mapped_column(Integer)
    answer_due: Mapped[str | None] = mapped_column(Text)


class DatasetMeta(Model):
    """Key/value facts about the loaded dataset (its version hash, when loaded)."""

    __tablename__ = "dataset_meta"
    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


# Data file resource name -> model; the order is the import order.
RESOURCE_MODELS: dict[str, type[Instrument | Ruling | Case | Figure | Chamber]] = {
    "treaties": Instrument,
    "rulings": Ruling,
    "cases": Case,
    "figures": Figure,
    "chambers": Chamber,
}
