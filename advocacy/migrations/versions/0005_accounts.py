"""Accounts: staff, translators and admins; failed sign-ins per client

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 16:10:00.000000

"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "staff_user",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("edit_locales", sa.Text(), nullable=False),
        sa.Column("approve_locales", sa.Text(), nullable=False),
        sa.Column("interface_locale", sa.String(length=10), nullable=False),
        sa.Column("password_hash", sa.Text(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("session_token", sa.String(length=64), nullable=False),
        sa.Column("invite_digest", sa.String(length=64), nullable=True),
        sa.Column("invite_expires", sa.DateTime(), nullable=True),
        sa.Column("failed_logins", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.Column("last_login", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("email"),
        sa.UniqueConstraint("session_token"),
        sa.UniqueConstraint("invite_digest"),
    )
    op.create_table(
        "login_failure",
        sa.Column("client", sa.String(length=32), nullable=False),
        sa.Column("window_start", sa.DateTime(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("client"),
    )


def downgrade():
    op.drop_table("login_failure")
    op.drop_table("staff_user")
