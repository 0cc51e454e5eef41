"""Instruments record each side's ratification; as_of is the evidence's date and may be unknown

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-08 01:45:00.000000

"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

SOURCED_TABLES = (
    "instrument",
    "ruling",
    "case_report",
    "figure",
    "chamber",
    "report_channel",
    "report_guidance",
    "report_recommendation",
)


def upgrade():
    # The new statuses (ratified, signed-status-unknown) arrive with the next data import.
    with op.batch_alter_table("instrument") as batch:
        batch.add_column(sa.Column("ratified", sa.String(length=10), nullable=True))
        batch.add_column(sa.Column("ratified_by_counterpart", sa.String(length=10), nullable=True))
    for table in SOURCED_TABLES:
        with op.batch_alter_table(table) as batch:
            batch.alter_column("as_of", existing_type=sa.String(length=10), nullable=True)


def downgrade():
    for table in SOURCED_TABLES:
        # The old schema needs a date: an unknown one becomes the file's import day, as before.
        op.execute(sa.text(f"UPDATE {table} SET as_of = '2026-11-23' WHERE as_of IS NULL"))
        with op.batch_alter_table(table) as batch:
            batch.alter_column("as_of", existing_type=sa.String(length=10), nullable=False)
    with op.batch_alter_table("instrument") as batch:
        batch.drop_column("ratified_by_counterpart")
        batch.drop_column("ratified")
