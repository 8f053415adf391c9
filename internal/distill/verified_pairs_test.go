package distill

import (
	"strings"
	"testing"
)

// TestVerifiedPairs pins a password check unpacked as a pair (pwdlib's
// verify_and_update behind the service's verify_password): the first name
// is the verification, so the guard on it is a precondition; a pair from
// a call that is no verify call binds nothing the guard could state.
func TestVerifiedPairs(t *testing.T) {
	tests := []struct {
		name, call, want, notWant string
	}{
		{"a verify call's verdict", "verify_password", "requires: verify(current_password, user.hashed_password)", ""},
		{"another call's pair", "compare_digests", "", "requires: verify("},
	}
	d := New(Options{})
	defer d.Close()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			models := `
from sqlmodel import Field, SQLModel

class User(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    hashed_password: str

class UpdatePassword(SQLModel):
    current_password: str
    new_password: str
`
			routes := sqlmodelRoutesHeader + `
def ` + tt.call + `(plain, hashed):
    return password_hash.verify_and_update(plain, hashed)

@router.patch("/users/{user_id}/password")
def update_password(session: Session, user_id: int, body: UpdatePassword):
    user = session.get(User, user_id)
    if not user:
        raise HTTPException(status_code=404, detail="not found")
    verified, _ = ` + tt.call + `(body.current_password, user.hashed_password)
    if not verified:
        raise HTTPException(status_code=400, detail="Incorrect password")
    user.hashed_password = get_password_hash(body.new_password)
    session.add(user)
    session.commit()
`
			out := distilText(t, d, map[string]string{"app/models.py": models, "app/routes.py": routes})
			got := construct(out.Module, "UpdatePassword")
			if got == "" {
				t.Fatalf("no rule UpdatePassword; notes: %v", out.Notes)
			}
			if tt.want != "" && !strings.Contains(got, tt.want) {
				t.Errorf("missing %q in:\n%s\nnotes: %v", tt.want, got, out.Notes)
			}
			if tt.notWant != "" && strings.Contains(got, tt.notWant) {
				t.Errorf("unwanted %q in:\n%s", tt.notWant, got)
			}
		})
	}
}

// TestRehashOnLogin pins the second name of a verified pair: the password
// hashed afresh, given when the stored hash is due for an upgrade
// (fastapi-full-stack's authenticate, backend/app/crud.py:52-57). A login
// that stores it states the write under needs_rehash and keeps its rule; a
// pair from a call that is no verify call states no such write.
func TestRehashOnLogin(t *testing.T) {
	tests := []struct {
		name, call    string
		want, notWant []string
	}{
		{"a verify call's fresh hash, stored", "verify_password",
			[]string{"requires: verify(password, user.hashed_password)", "if needs_rehash(user.hashed_password):", "user.hashed_password = hash(password)"}, nil},
		{"another call's pair", "compare_digests", nil, []string{"needs_rehash"}},
	}
	d := New(Options{})
	defer d.Close()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			models := `
from sqlmodel import Field, SQLModel

class User(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(unique=True)
    hashed_password: str
    last_login: str | None = None
`
			routes := sqlmodelRoutesHeader + `
from sqlmodel import select

def ` + tt.call + `(plain, hashed):
    return password_hash.verify_and_update(plain, hashed)

def authenticate(session, email, password):
    user = session.exec(select(User).where(User.email == email)).first()
    if not user:
        return None
    verified, fresh = ` + tt.call + `(password, user.hashed_password)
    if not verified:
        return None
    if fresh:
        user.hashed_password = fresh
        session.add(user)
        session.commit()
    return user

@router.post("/login")
def login(session: Session, email: str, password: str):
    user = authenticate(session, email, password)
    if not user:
        raise HTTPException(status_code=400, detail="Incorrect email or password")
    user.last_login = "now"
    session.add(user)
    session.commit()
`
			out := distilText(t, d, map[string]string{"app/models.py": models, "app/routes.py": routes})
			got := construct(out.Module, "Login")
			if got == "" {
				t.Fatalf("no rule Login; notes: %v", out.Notes)
			}
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("missing %q in:\n%s\nnotes: %v", w, got, out.Notes)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(got, w) {
					t.Errorf("unwanted %q in:\n%s", w, got)
				}
			}
		})
	}
}
