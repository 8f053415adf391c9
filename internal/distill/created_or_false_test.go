package distill

import (
	"strings"
	"testing"
)

// TestCreatedRowOrFalse pins fastapi-react's sign_up_new_user
// (backend/app/core/auth.py:66): a helper that answers False when a row
// with the address already exists, and else the row it creates (through
// a helper of its own, crud.create_user, or in place), hands its caller a
// result whose absence means the refusal held. The route that rejects the
// request on `not user` requires the row absent.
func TestCreatedRowOrFalse(t *testing.T) {
	d := New(Options{})
	const crud = `
from .models import User

def get_user_by_email(db, email: str):
    return db.query(User).filter(User.email == email).first()

def create_user(db, email: str, password: str):
    db_user = User(email=email, hashed_password=password, is_active=True)
    db.add(db_user)
    db.commit()
    db.refresh(db_user)
    return db_user
`
	tests := []struct {
		name   string
		helper string
		route  string
		want   []string // in order, in rule Signup
		absent []string
	}{
		{"a row made by another helper, False when one exists: the caller's rejection requires none",
			`def sign_up_new_user(db, email: str, password: str):
    user = get_user_by_email(db, email)
    if user:
        return False
    new_user = create_user(db, email, password)
    return new_user`,
			`    user = sign_up_new_user(db, email, password)
    if not user:
        raise HTTPException(status_code=409, detail="exists")
    return {"id": user.id}`,
			[]string{"let user = User{email}", "requires: not exists user", "User.created("}, nil},
		{"a row made in place the same way",
			`def sign_up_new_user(db, email: str, password: str):
    user = get_user_by_email(db, email)
    if user:
        return False
    new_user = User(email=email, hashed_password=password, is_active=True)
    db.add(new_user)
    db.commit()
    return new_user`,
			`    user = sign_up_new_user(db, email, password)
    if not user:
        raise HTTPException(status_code=409, detail="exists")
    return {"id": user.id}`,
			[]string{"let user = User{email}", "requires: not exists user", "User.created("}, nil},
		{"a return of the made row straight from the other helper",
			`def sign_up_new_user(db, email: str, password: str):
    if get_user_by_email(db, email):
        return None
    return create_user(db, email, password)`,
			`    user = sign_up_new_user(db, email, password)
    if user is None:
        raise HTTPException(status_code=409, detail="exists")
    return {"id": user.id}`,
			[]string{"requires: not exists User{email}", "User.created("}, nil},
		// A caller that answers whatever the helper gave states no
		// precondition: the request succeeds either way.
		{"a caller that does not reject on False requires nothing",
			`def sign_up_new_user(db, email: str, password: str):
    user = get_user_by_email(db, email)
    if user:
        return False
    new_user = create_user(db, email, password)
    return new_user`,
			`    user = sign_up_new_user(db, email, password)
    return {"ok": bool(user)}`,
			nil, []string{"requires: not exists"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{
				"app/models.py": `
from sqlalchemy import Boolean, Column, Integer, String
from sqlalchemy.orm import declarative_base
Base = declarative_base()

class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    email = Column(String, unique=True)
    hashed_password = Column(String)
    is_active = Column(Boolean, default=True)
`,
				"app/crud.py": crud,
				"app/auth.py": `
from .models import User
from .crud import get_user_by_email, create_user

` + tt.helper + "\n",
				"app/routes.py": `
from fastapi import APIRouter, Depends, HTTPException
from .auth import sign_up_new_user
router = APIRouter()

@router.post("/signup")
async def signup(email: str, password: str, db=Depends(get_db)):
` + tt.route + "\n",
			})
			got := construct(out.Module, "Signup")
			wantInOrder(t, got, tt.want, out.Notes)
			for _, a := range tt.absent {
				if strings.Contains(got, a) {
					t.Errorf("%q in:\n%s", a, got)
				}
			}
		})
	}
}
