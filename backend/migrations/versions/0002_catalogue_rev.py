"""stores.catalogue_rev: a revision bumped with every change to a store's catalogue

Revision ID: 0002_catalogue_rev
Revises: 0001
Create Date: 2026-11-22 02:00:00.000000
"""
from alembic import op
import sqlalchemy as sa


revision = '0002_catalogue_rev'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('stores', schema=None) as batch_op:
        batch_op.add_column(sa.Column('catalogue_rev', sa.Integer(), server_default='0', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('stores', schema=None) as batch_op:
        batch_op.drop_column('catalogue_rev')
