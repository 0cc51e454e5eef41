"""Where to report: channels, government guidance and gaps, recommendations for reporting mechanisms

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07 22:40:00.000000

"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def _sourced():
    """The columns every fact carries (countries.models.Sourced)."""
    return [
        sa.Column("source_url", sa.Text(), nullable=True),
        sa.Column("source_title", sa.Text(), nullable=False),
        sa.Column("confidence", sa.String(length=40), nullable=False),
        sa.Column("verified", sa.Boolean(), nullable=False),
        sa.Column("as_of", sa.String(length=10), nullable=False),
    ]


def upgrade():
    text = [(name, True) for name in ("phone", "sms", "web", "email", "post", "not_shown")]
    op.create_table(
        "report_channel",
        sa.Column("id", sa.String(length=80), nullable=False),
        sa.Column("country", sa.String(length=8), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("channel", sa.Text(), nullable=False),
        *[sa.Column(name, sa.Text(), nullable=nullable) for name, nullable in text],
        sa.Column("purpose", sa.Text(), nullable=False),
        sa.Column("languages", sa.Text(), nullable=True),
        sa.Column("languages_note", sa.Text(), nullable=True),
        sa.Column("emergency_only", sa.Boolean(), nullable=False),
        sa.Column("dedicated", sa.Boolean(), nullable=False),
        sa.Column("anonymous", sa.String(length=40), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("source_date", sa.String(length=10), nullable=True),
        *_sourced(),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_report_channel_country", "report_channel", ["country"])
    op.create_table(
        "report_guidance",
        sa.Column("id", sa.String(length=80), nullable=False),
        sa.Column("countries", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("date", sa.String(length=10), nullable=True),
        sa.Column("statement", sa.Text(), nullable=False),
        sa.Column("dedicated", sa.String(length=40), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        *_sourced(),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "report_recommendation",
        sa.Column("id", sa.String(length=80), nullable=False),
        sa.Column("countries", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("date", sa.String(length=10), nullable=True),
        sa.Column("asks", sa.String(length=40), nullable=False),
        sa.Column("statement", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        *_sourced(),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade():
    op.drop_table("report_recommendation")
    op.drop_table("report_guidance")
    op.drop_index("ix_report_channel_country", table_name="report_channel")
    op.drop_table("report_channel")
