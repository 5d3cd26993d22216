"""story signals: headline-and-lead terms and vector per article, merged stories

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 17:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('articles') as batch:
        batch.add_column(sa.Column('story_signals', sa.JSON(), nullable=True))
    with op.batch_alter_table('stories') as batch:
        batch.add_column(sa.Column('merged_into', sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('stories') as batch:
        batch.drop_column('merged_into')
    with op.batch_alter_table('articles') as batch:
        batch.drop_column('story_signals')
