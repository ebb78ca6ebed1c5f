"""refresh_tokens.retry_key_hash: the SHA-256 of the retry key sent with a token's rotation, so a rotation
whose answer was lost can be repeated

Revision ID: 0005_refresh_retry_key
Revises: 0004_forecasts
Create Date: 2026-11-22 05:00:00.000000
"""
from alembic import op
import sqlalchemy as sa


revision = '0005_refresh_retry_key'
down_revision = '0004_forecasts'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('refresh_tokens', schema=None) as batch_op:
        batch_op.add_column(sa.Column('retry_key_hash', sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('refresh_tokens', schema=None) as batch_op:
        batch_op.drop_column('retry_key_hash')
