"""Reply codes: a keyed digest, what the letter was about, and its one reply report

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-08 01:20:00.000000

"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "reply_code",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=True),
        sa.Column("country", sa.String(length=8), nullable=False),
        sa.Column("action", sa.String(length=60), nullable=False),
        sa.Column("chamber", sa.String(length=80), server_default="", nullable=False),
        sa.Column("member", sa.String(length=80), server_default="", nullable=False),
        sa.Column("member_name", sa.String(length=200), server_default="", nullable=False),
        sa.Column("week", sa.String(length=8), nullable=False),
        sa.Column("replied", sa.String(length=40), server_default="", nullable=False),
        sa.Column("took", sa.String(length=40), server_default="", nullable=False),
        sa.Column("stance", sa.String(length=40), server_default="", nullable=False),
        sa.Column("revision", sa.Integer(), server_default="0", nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("digest"),
    )
    op.create_index("ix_reply_code_week", "reply_code", ["week"], unique=False)
    op.create_index("ix_reply_code_replied", "reply_code", ["replied"], unique=False)


def downgrade():
    op.drop_index("ix_reply_code_replied", table_name="reply_code")
    op.drop_index("ix_reply_code_week", table_name="reply_code")
    op.drop_table("reply_code")
