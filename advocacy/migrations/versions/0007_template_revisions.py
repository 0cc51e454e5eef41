"""Template revisions: translations (and the English sources they follow) kept in the database

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23 16:20:00.000000

"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "template_revision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("locale", sa.String(length=16), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("source_revision", sa.String(length=12), nullable=True),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.Column("reviewer_id", sa.Integer(), nullable=True),
        sa.Column("reviewed", sa.DateTime(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("dismissed", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["author_id"], ["staff_user.id"]),
        sa.ForeignKeyConstraint(["reviewer_id"], ["staff_user.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_template_revision_name_locale", "template_revision", ["name", "locale"])
    op.create_index("ix_template_revision_state", "template_revision", ["state"])


def downgrade():
    op.drop_index("ix_template_revision_state", table_name="template_revision")
    op.drop_index("ix_template_revision_name_locale", table_name="template_revision")
    op.drop_table("template_revision")
