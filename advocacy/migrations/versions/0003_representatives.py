"""Representatives per chamber

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 13:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0003"
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('representative',
    sa.Column('chamber_id', sa.String(length=80), nullable=False),
    sa.Column('id', sa.String(length=80), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('given_name', sa.Text(), nullable=True),
    sa.Column('family_name', sa.Text(), nullable=True),
    sa.Column('form_of_address', sa.String(length=40), server_default='neutral', nullable=False),
    sa.Column('constituency', sa.Text(), nullable=True),
    sa.Column('party', sa.Text(), nullable=True),
    sa.Column('email', sa.Text(), nullable=True),
    sa.Column('postal_address', sa.Text(), nullable=True),
    sa.Column('source_url', sa.Text(), nullable=True),
    sa.Column('as_of', sa.String(length=10), nullable=True),
    sa.Column('search_text', sa.Text(), server_default='', nullable=False),
    sa.Column('sort_key', sa.Text(), server_default='', nullable=False),
    sa.ForeignKeyConstraint(['chamber_id'], ['chamber.id'], deferrable=True, initially='DEFERRED'),
    sa.PrimaryKeyConstraint('chamber_id', 'id')
    )


def downgrade():
    op.drop_table('representative')
