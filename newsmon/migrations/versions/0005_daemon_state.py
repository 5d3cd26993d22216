"""daemon state: next run and health per source, the daemon's own row

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28 15:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import newsmon.models

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('sources') as batch:
        batch.add_column(sa.Column('next_run_at', newsmon.models.UTCDateTime(), nullable=True))
        batch.add_column(sa.Column('health', sa.String(length=16), nullable=True))
        batch.add_column(sa.Column('health_reason', sa.Text(), nullable=True))
    op.create_table('daemon_state',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pid', sa.Integer(), nullable=False),
    sa.Column('host', sa.String(length=255), nullable=False),
    sa.Column('config_path', sa.Text(), nullable=False),
    sa.Column('started_at', newsmon.models.UTCDateTime(), nullable=False),
    sa.Column('heartbeat_at', newsmon.models.UTCDateTime(), nullable=False),
    sa.Column('stopped_at', newsmon.models.UTCDateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_daemon_state'))
    )


def downgrade() -> None:
    op.drop_table('daemon_state')
    with op.batch_alter_table('sources') as batch:
        batch.drop_column('health_reason')
        batch.drop_column('health')
        batch.drop_column('next_run_at')
