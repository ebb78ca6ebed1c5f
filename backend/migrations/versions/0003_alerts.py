"""alerts, alert_history and cameras: CCTV alerts from vision workers and the cameras they watch

Revision ID: 0003_alerts
Revises: 0002_catalogue_rev
Create Date: 2026-11-22 03:00:00.000000
"""
from alembic import op
import sqlalchemy as sa


revision = '0003_alerts'
down_revision = '0002_catalogue_rev'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('alerts',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('store_id', sa.Integer(), nullable=False),
    sa.Column('device_id', sa.String(length=36), nullable=True),
    sa.Column('camera_id', sa.String(length=64), nullable=False),
    sa.Column('type', sa.String(length=16), nullable=False),
    sa.Column('score', sa.Double(), nullable=False),
    sa.Column('severity', sa.String(length=16), nullable=False),
    sa.Column('detector', sa.String(length=40), nullable=False),
    sa.Column('details', sa.JSON(), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ended_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('status_changed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('status_changed_by', sa.String(length=80), nullable=True),
    sa.Column('snapshot_file', sa.String(length=120), nullable=True),
    sa.Column('clip_file', sa.String(length=120), nullable=True),
    sa.Column('media_purged_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['store_id'], ['stores.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('alerts', schema=None) as batch_op:
        batch_op.create_index('ix_alerts_received', ['received_at'], unique=False)
        batch_op.create_index('ix_alerts_store_started', ['store_id', 'started_at'], unique=False)
        batch_op.create_index('ix_alerts_store_status', ['store_id', 'status'], unique=False)

    op.create_table('alert_history',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('alert_id', sa.Uuid(), nullable=False),
    sa.Column('actor', sa.String(length=80), nullable=False),
    sa.Column('actor_name', sa.String(length=120), nullable=False),
    sa.Column('from_status', sa.String(length=16), nullable=True),
    sa.Column('to_status', sa.String(length=16), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['alert_id'], ['alerts.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('alert_history', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_alert_history_alert_id'), ['alert_id'], unique=False)

    op.create_table('cameras',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('store_id', sa.Integer(), nullable=False),
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('camera_id', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('health', sa.String(length=16), nullable=False),
    sa.Column('fps', sa.Double(), nullable=False),
    sa.Column('monitored', sa.JSON(), nullable=False),
    sa.Column('not_monitored', sa.JSON(), nullable=False),
    sa.Column('message', sa.String(length=300), nullable=False),
    sa.Column('reported_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['device_id'], ['devices.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['store_id'], ['stores.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('device_id', 'camera_id', name='uq_cameras_device_camera')
    )
    with op.batch_alter_table('cameras', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cameras_store_id'), ['store_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('cameras', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cameras_store_id'))
    op.drop_table('cameras')
    with op.batch_alter_table('alert_history', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_alert_history_alert_id'))
    op.drop_table('alert_history')
    with op.batch_alter_table('alerts', schema=None) as batch_op:
        batch_op.drop_index('ix_alerts_store_status')
        batch_op.drop_index('ix_alerts_store_started')
        batch_op.drop_index('ix_alerts_received')
    op.drop_table('alerts')
