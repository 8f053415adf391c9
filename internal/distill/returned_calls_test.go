package distill

import (
	"strings"
	"testing"
)

// TestReturnedServiceCalls: a handler that returns what a method of a
// service object gives runs that method, whether the object is kept in a
// local, made in place or reached through self; what the method does is
// the rule, as for a helper function returned or a result bound first.
// A method of a row (user.to_dict()) stays a serialisation.
func TestReturnedServiceCalls(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	const head = `
from fastapi import APIRouter, Depends
from sqlalchemy.orm import Session, sessionmaker
from .models import User
router = APIRouter()

SessionLocal = sessionmaker()

def get_db():
    db = SessionLocal()
    try:
        yield db
    finally:
        db.close()

class UserService:
    def __init__(self, db):
        self.db = db

    def register(self, email):
        user = User(email=email)
        self.db.add(user)
        self.db.commit()
        return user

@router.post("/users")
def create_user(email: str, db: Session = Depends(get_db)):
`
	tests := []struct {
		name, body, want string
	}{
		{"a service object kept in a local", `
    service = UserService(db)
    return service.register(email)
`, "User.created(email: email)"},
		{"a service object made in place", `
    return UserService(db).register(email)
`, "User.created(email: email)"},
		{"the result bound first, as before", `
    user = UserService(db).register(email)
    return user
`, "User.created(email: email)"},
		{"a row's own method is no service's", `
    user = db.query(User).filter(User.email == email).first()
    return user.to_dict()
`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{"app/models.py": userAndAuditModels, "app/routes.py": head + tt.body})
			rule := construct(out.Module, "CreateUser")
			if tt.want == "" {
				if rule != "" {
					t.Errorf("a rule for a handler that writes nothing:\n%s", rule)
				}
				return
			}
			if !strings.Contains(rule, tt.want) {
				t.Errorf("rule lacks %s:\n%s\nnotes: %v", tt.want, rule, out.Notes)
			}
		})
	}
}

// userAndAuditModels declares, with SQLAlchemy's declarative base, a User
// with a serialising method and an AuditLog, for the small services of
// TestLoggerNames and TestReturnedServiceCalls.
const userAndAuditModels = `
from sqlalchemy import Column, Integer, String
from sqlalchemy.orm import declarative_base

Base = declarative_base()

class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    email = Column(String)

    def to_dict(self):
        return {"email": self.email}

class AuditLog(Base):
    __tablename__ = "audit_logs"
    id = Column(Integer, primary_key=True)
    action = Column(String)
`
