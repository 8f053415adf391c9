package distill

import (
	"testing"
)

// TestCascadedDeletes pins a foreign key that cascades (Prisma's
// onDelete: Cascade, catalog cascade_deletes): deleting the row it refers
// to deletes the rows that hold it, stated through the relationship the
// deleted row's entity declares. Without the option (or with another
// one) only the row goes.
func TestCascadedDeletes(t *testing.T) {
	for _, tt := range []struct {
		name, option string
		want, no     []string
	}{
		{"cascade", ", onDelete: Cascade", []string{"not exists user", "for s in user.sessions:"}, nil},
		{"no option", "", []string{"not exists user"}, []string{"for s in"}},
		{"another option", ", onDelete: Restrict", []string{"not exists user"}, []string{"for s in"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			files := sessionFiles(tt.option, `
import type { PrismaClient } from '@prisma/client'
export class AuthController {
  constructor(private user: PrismaClient['user']) {}
  forgot = async (req, rep) => {
    await this.user.delete({ where: { id: req.params.userId } })
    rep.send()
  }
}
`)
			runIdiomCases(t, files, []idiomCase{{name: tt.name, construct: "Forgot", want: tt.want, notWant: tt.no}})
		})
	}
}

// TestSQLAlchemyCascadedDeletes pins SQLAlchemy's key that cascades
// (ForeignKey(..., ondelete="CASCADE"), fastapi-minimal-refresh
// app/auth/models.py:58-60): a user deleted by a delete statement
// (session.execute(delete(User).where(...))) takes its refresh tokens with
// it; without the option, or with another, only the user goes.
func TestSQLAlchemyCascadedDeletes(t *testing.T) {
	for _, tt := range []struct {
		name, option string
		want, no     []string
	}{
		{"cascade", `, ondelete="CASCADE"`, []string{"not exists user", "for s in user.refresh_tokens:"}, nil},
		{"no option", "", []string{"not exists user"}, []string{"for s in"}},
		{"another option", `, ondelete="SET NULL"`, []string{"not exists user"}, []string{"for s in"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{
				"app/models.py": `
import sqlalchemy as sa
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

class Base(DeclarativeBase):
    pass

class User(Base):
    __tablename__ = "auth_user"
    user_id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(256), nullable=False, unique=True)
    refresh_tokens: Mapped[list["RefreshToken"]] = relationship(back_populates="user")

class RefreshToken(Base):
    __tablename__ = "auth_refresh_token"
    id: Mapped[int] = mapped_column(sa.BigInteger, primary_key=True)
    used: Mapped[bool] = mapped_column(sa.Boolean, nullable=False, default=False)
    user_id: Mapped[str] = mapped_column(sa.ForeignKey("auth_user.user_id"` + tt.option + `))
    user: Mapped[User] = relationship(back_populates="refresh_tokens")
`,
				"app/views.py": `
from fastapi import APIRouter
from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession
from app.models import User

router = APIRouter()

@router.delete("/users/{user_id}")
async def delete_user(user_id: str, session: AsyncSession):
    user = await session.get(User, user_id)
    await session.execute(delete(User).where(User.user_id == user.user_id))
    await session.commit()
`,
			}
			runIdiomCases(t, files, []idiomCase{{name: tt.name, construct: "DeleteUser", want: tt.want, notWant: tt.no}})
		})
	}
}
