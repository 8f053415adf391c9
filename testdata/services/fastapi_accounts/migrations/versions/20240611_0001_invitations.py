"""add invitations

Revision ID: 8c1e0b2f4a55
Revises: 51d0aa73c9e2
Create Date: 2024-06-11 09:02:17.551204
"""
import sqlalchemy as sa
from alembic import op

revision = "8c1e0b2f4a55"
down_revision = "51d0aa73c9e2"
branch_labels = None
depends_on = None

invitation_status = sa.Enum("pending", "accepted", "revoked", "expired", name="invitation_status")


def upgrade() -> None:
    invitation_status.create(op.get_bind(), checkfirst=True)
    op.create_table(
        "invitations",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "organisation_id",
            sa.Integer(),
            sa.ForeignKey("organisations.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("email", sa.String(320), nullable=False, index=True),
        sa.Column("role", sa.Enum(name="member_role", create_type=False), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("status", invitation_status, nullable=False, server_default="pending"),
        sa.Column("invited_by_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="SET NULL")),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("accepted_at", sa.DateTime(timezone=True)),
        sa.Column("revoked_at", sa.DateTime(timezone=True)),
    )


def downgrade() -> None:
    op.drop_table("invitations")
    invitation_status.drop(op.get_bind(), checkfirst=True)
