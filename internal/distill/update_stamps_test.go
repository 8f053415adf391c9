package distill

import "testing"

// TestUpdateStamps pins the columns the ORM stamps with the time of a
// row's last change (catalog update_stamps): a rule that changes a stored
// row and writes it sets the stamp to now, and only then.
func TestUpdateStamps(t *testing.T) {
	d := New(Options{})
	// alchemy is a FastAPI service whose User stamps updated_at with
	// column; handler is the route module's handler.
	alchemy := func(column, handler string) map[string]string {
		return map[string]string{
			"app/models.py": `
from datetime import datetime
import sqlalchemy as sa
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

class Base(DeclarativeBase):
    pass

class User(Base):
    __tablename__ = "user"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(256))
    name: Mapped[str] = mapped_column(sa.String(256))
    updated_at: Mapped[datetime] = ` + column + `
`,
			"app/views.py": `
from datetime import datetime
from fastapi import APIRouter, Depends
from app.models import User
router = APIRouter()

def current_user() -> User:
    return User()

def new_session():
    return None
` + handler,
		}
	}
	const onUpdate = "mapped_column(sa.DateTime, server_default=sa.func.now(), onupdate=sa.func.now())"
	const rename = `
@router.post("/rename")
async def rename(name: str, user: User = Depends(current_user), session = Depends(new_session)):
    user.name = name
    session.add(user)
    await session.commit()
`
	// django is a Django service whose User stamps updated_at with
	// auto_now; view is the views module's view.
	django := func(view string) map[string]string {
		return map[string]string{
			"app/models.py": `
from django.db import models
class User(models.Model):
    email = models.EmailField(unique=True)
    name = models.CharField(max_length=100)
    jwt_key = models.UUIDField()
    updated_at = models.DateTimeField(auto_now=True)
`,
			"app/views.py": `
import uuid
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
` + view,
		}
	}
	// djangoRename is a view that changes the signed-in user's name, then
	// runs write.
	djangoRename := func(write string) map[string]string {
		return django(`
@login_required
def rename(request, name):
    user = request.user
    user.name = name
    ` + write + `
    return render(request, "done.html")
`)
	}
	const stamped = `rule Rename {
    when: Rename(name, user)
    ensures:
        user.name = name
        user.updated_at = now
}`
	const unstamped = `rule Rename {
    when: Rename(name, user)
    ensures: user.name = name
}`
	tests := []struct {
		name      string
		files     map[string]string
		construct string
		want      string
	}{
		{
			name:      "onupdate=func.now(): a change committed stamps the row",
			files:     alchemy(onUpdate, rename),
			construct: "Rename",
			want:      stamped,
		},
		{
			name: "onupdate=datetime.utcnow (the function) stamps it too, at a flush",
			files: alchemy("mapped_column(sa.DateTime, onupdate=datetime.utcnow)", `
@router.post("/rename")
async def rename(name: str, user: User = Depends(current_user), session = Depends(new_session)):
    user.name = name
    await session.flush()
`),
			construct: "Rename",
			want:      stamped,
		},
		{
			name:      "server_onupdate=func.now(), the database's stamp, is one too",
			files:     alchemy("mapped_column(sa.DateTime, server_onupdate=sa.func.now())", rename),
			construct: "Rename",
			want:      stamped,
		},
		{
			// FetchedValue() says the database sets the column, not to what.
			name:      "a server_onupdate that is not the clock is no stamp",
			files:     alchemy("mapped_column(sa.DateTime, server_onupdate=sa.FetchedValue())", rename),
			construct: "Rename",
			want:      unstamped,
		},
		{
			name:      "a clock default without onupdate stamps the creation only, never a change",
			files:     alchemy("mapped_column(sa.DateTime, default=sa.func.now())", rename),
			construct: "Rename",
			want:      unstamped,
		},
		{
			name: "a change the rule does not write in the code read states no stamp",
			files: alchemy(onUpdate, `
@router.post("/rename")
async def rename(name: str, user: User = Depends(current_user), session = Depends(new_session)):
    user.name = name
    session.add(user)
`),
			construct: "Rename",
			want:      unstamped,
		},
		{
			// The rule splits on the branch; its change and the write are
			// in two blocks, so the stamp is left out: saying less.
			name: "a change made in a branch and written after it leaves the stamp out",
			files: alchemy(onUpdate, `
@router.post("/rename")
async def rename(name: str, user: User = Depends(current_user), session = Depends(new_session)):
    if user.email != name:
        user.name = name
    await session.commit()
`),
			construct: "Rename",
			want: `rule Rename {
    when: Rename(user, name)
    requires: user.email != name
    ensures: user.name = name
}`,
		},
		{
			name: "a stamp the code sets itself is stated once",
			files: alchemy(onUpdate, `
@router.post("/rename")
async def rename(name: str, user: User = Depends(current_user), session = Depends(new_session)):
    user.name = name
    user.updated_at = datetime.utcnow()
    await session.commit()
`),
			construct: "Rename",
			want:      stamped,
		},
		{
			name:      "auto_now=True: a Django save of the changed row stamps it",
			files:     djangoRename("user.save()"),
			construct: "Rename",
			want:      stamped,
		},
		{
			name: "a save with update_fields that leaves the stamp out writes only what it lists",
			files: django(`
@login_required
def rotate(request):
    user = request.user
    user.jwt_key = uuid.uuid4()
    user.save(update_fields=["jwt_key"])
    return render(request, "done.html")
`),
			construct: "Rotate",
			want: `rule Rotate {
    when: Rotate(user)
    ensures: user.jwt_key = random_key()
}`,
		},
		{
			name:      "a save with update_fields that lists the stamp writes it",
			files:     djangoRename(`user.save(update_fields=["name", "updated_at"])`),
			construct: "Rename",
			want:      stamped,
		},
		{
			name:      "ending the request's session writes no row",
			files:     djangoRename("request.session.flush()"),
			construct: "Rename",
			want: `rule Rename {
    when: Rename(name, user, session)
    ensures:
        user.name = name
        not exists session
}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, tt.files)
			if got := construct(out.Module, tt.construct); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s\nnotes: %v", got, tt.want, out.Notes)
			}
		})
	}
}

// TestUpdateStampMarkers pins the stamps a schema declares by their kind
// (catalog update_stamps.markers: Prisma's @updatedAt, TypeORM's
// @UpdateDateColumn(), on the entity or an abstract base): the entity
// declares them, though updated_at is otherwise plumbing; a column only
// defaulted to now, or stamped through an option, is not declared.
func TestUpdateStampMarkers(t *testing.T) {
	d := New(Options{})
	tests := []struct {
		name   string
		files  map[string]string
		entity string
		want   string
	}{
		{
			name: "Prisma @updatedAt is declared",
			files: map[string]string{"prisma/schema.prisma": `
model Share {
  id        String    @id @db.Uuid
  name      String
  updatedAt DateTime? @updatedAt @map("updated_at")
}
`},
			entity: "Share",
			want: `entity Share {
    name: String
    updated_at: Timestamp?
}`,
		},
		{
			name: "Prisma @default(now()) alone is no stamp: left out",
			files: map[string]string{"prisma/schema.prisma": `
model Share {
  id        String   @id @db.Uuid
  name      String
  updatedAt DateTime @default(now()) @map("updated_at")
}
`},
			entity: "Share",
			want: `entity Share {
    name: String
}`,
		},
		{
			name: "TypeORM @UpdateDateColumn() of an abstract base is declared",
			files: map[string]string{
				"src/models/base.ts": `
import { CreateDateColumn, PrimaryColumn, UpdateDateColumn } from "typeorm"
export abstract class BaseEntity {
  @PrimaryColumn()
  id: string

  @CreateDateColumn({ type: "timestamptz" })
  created_at: Date

  @UpdateDateColumn({ type: "timestamptz" })
  updated_at: Date
}
`,
				"src/models/invite.ts": `
import { Column, Entity } from "typeorm"
import { BaseEntity } from "./base"
@Entity()
export class Invite extends BaseEntity {
  @Column()
  user_email: string
}
`},
			entity: "Invite",
			want: `entity Invite {
    user_email: String
    created_at: Timestamp
    updated_at: Timestamp
}`,
		},
		{
			name: "SQLAlchemy onupdate=func.now() no rule states stays plumbing",
			files: map[string]string{"app/models.py": `
from datetime import datetime
import sqlalchemy as sa
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

class Base(DeclarativeBase):
    pass

class Share(Base):
    __tablename__ = "share"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(256))
    updated_at: Mapped[datetime] = mapped_column(sa.DateTime, onupdate=sa.func.now())
`},
			entity: "Share",
			want: `entity Share {
    name: String
}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, tt.files)
			if got := construct(out.Module, tt.entity); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s\nnotes: %v", got, tt.want, out.Notes)
			}
		})
	}
}
