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
