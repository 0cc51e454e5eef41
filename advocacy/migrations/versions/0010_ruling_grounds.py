"""Rulings record their grounds, so letters cite a refusal only for the grounds it had

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07 23:45:00.000000

"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade():
    # Existing rows get "not-stated" until the data is imported again with its grounds.
    with op.batch_alter_table("ruling") as batch:
        batch.add_column(
            sa.Column("grounds", sa.String(length=40), nullable=False, server_default="not-stated")
        )


def downgrade():
    with op.batch_alter_table("ruling") as batch:
        batch.drop_column("grounds")
