"""Counts when a letter is taken: the chamber of a written question, and the ids already counted

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-08 10:00:00.000000

"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

KEY = ["country", "action", "locale", "day"]
PRIMARY_KEY = "campaign_count_pkey"  # PostgreSQL's name for it; SQLite's is unnamed


def _set_primary_key(columns: list[str], drop_chamber: bool = False) -> None:
    """Make columns the counts' primary key (SQLite copies the table to change it)."""
    if op.get_bind().dialect.name == "sqlite":
        # SQLite's key has no name to drop: copy the table from a definition without a key.
        lengths = {"country": 8, "action": 60, "locale": 10, "day": 10}
        unkeyed = sa.Table(
            "campaign_count",
            sa.MetaData(),
            *(sa.Column(name, sa.String(length=n), nullable=False) for name, n in lengths.items()),
            sa.Column("count", sa.Integer(), nullable=False),
            sa.Column("chamber", sa.String(length=80), nullable=False, server_default=""),
        )
        copying = {"recreate": "always", "copy_from": unkeyed}
    else:
        copying = {"recreate": "never"}  # PostgreSQL changes the key in place
    with op.batch_alter_table("campaign_count", **copying) as batch:
        if "copy_from" not in copying:
            batch.drop_constraint(PRIMARY_KEY, type_="primary")
        if drop_chamber:
            batch.drop_column("chamber")
        batch.create_primary_key(PRIMARY_KEY, columns)


def upgrade():
    # Letters counted so far keep their rows, with no chamber.
    op.add_column(
        "campaign_count", sa.Column("chamber", sa.String(length=80), nullable=False, server_default="")
    )
    _set_primary_key(["country", "action", "chamber", "locale", "day"])
    op.create_table(
        "counted_letter",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("day", sa.String(length=10), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_counted_letter_day", "counted_letter", ["day"])


def downgrade():
    op.drop_index("ix_counted_letter_day", table_name="counted_letter")
    op.drop_table("counted_letter")
    # Questions to different chambers on the same day and language become one row again.
    campaign = sa.table(
        "campaign_count", *(sa.column(name) for name in [*KEY, "chamber"]), sa.column("count", sa.Integer)
    )
    merged = sa.select(*(campaign.c[name] for name in KEY), sa.func.sum(campaign.c["count"])).group_by(
        *(campaign.c[name] for name in KEY)
    )
    rows = op.get_bind().execute(merged).all()
    op.execute(campaign.delete())
    _set_primary_key(KEY, drop_chamber=True)
    if rows:
        op.bulk_insert(
            sa.table("campaign_count", *(sa.column(name) for name in KEY), sa.column("count", sa.Integer)),
            [dict(zip([*KEY, "count"], row, strict=True)) for row in rows],
        )
