package distill

import "testing"

// TestHelperEarlyReturn pins what follows an inlined helper's early,
// non-failing return (dispatch's create_or_update_organization_role and
// validate_mfa_token, medusa's UserService.delete): it happens only under
// the other branch's condition.
func TestHelperEarlyReturn(t *testing.T) {
	d := New(Options{})
	tests := []struct {
		name      string
		helper    string
		after     string
		construct string
		want      string
	}{
		{
			name: "a helper's writes after `if not row: return X` happen only when the row exists",
			helper: `
def set_role(*, db_session, user, role):
    membership = db_session.query(Membership).filter(Membership.user_id == user.id).one_or_none()
    if not membership:
        return Membership(role=role)
    membership.role = role
    return membership
`,
			after:     "    user.name = name\n",
			construct: "UpdateUser",
			want: `rule UpdateUser {
    when: UpdateUser(user, role, name)
    requires: exists user
    let membership = Membership{user}
    ensures:
        if exists membership:
            membership.role = role
        user.name = name
}`,
		},
		{
			name: "a rule whose every outcome follows a helper's early return on a row found by another key states them under its condition",
			helper: `
def set_role(*, db_session, user, role):
    membership = db_session.query(Membership).filter(Membership.user_id == user.id).one_or_none()
    if not membership:
        return {"updated": False}
    membership.role = role
`,
			construct: "UpdateUser",
			want: `rule UpdateUser {
    when: UpdateUser(user, role)
    requires: exists user
    let membership = Membership{user}
    ensures:
        if exists membership:
            membership.role = role
}`,
		},
		{
			name: "a write the early return already answers is stated as it is",
			helper: `
def set_role(*, db_session, user, role):
    membership = db_session.query(Membership).filter(Membership.user_id == user.id).one_or_none()
    if membership.role == "owner":
        return membership.role
    membership.role = "owner"
    return membership.role
`,
			construct: "UpdateUser",
			want: `rule UpdateUser {
    when: UpdateUser(user)
    requires: exists user
    let membership = Membership{user}
    ensures: membership.role = "owner"
}`,
		},
		{
			name: "writes after an early return on the row under a condition the spec cannot state are left out",
			helper: `
def set_role(*, db_session, user, role):
    membership = db_session.query(Membership).filter(Membership.user_id == user.id).one_or_none()
    token = membership.role
    if token and time.time() < token.expires:
        return {"updated": False}
    membership.role = role
`,
			after:     "    user.name = name\n",
			construct: "UpdateUser",
			want: `rule UpdateUser {
    when: UpdateUser(user, role, name)
    requires: exists user
    let membership = Membership{user}
    ensures: user.name = name
}`,
		},
		{
			name: "writes after an early return on a setting the spec cannot state are kept",
			helper: `
PROVIDERS = {"a": 1}

def set_role(*, db_session, user, role):
    membership = db_session.query(Membership).filter(Membership.user_id == user.id).one_or_none()
    provider = PROVIDERS.get(current_provider())
    if provider is None:
        return {"updated": False}
    membership.role = role
`,
			construct: "UpdateUser",
			want: `rule UpdateUser {
    when: UpdateUser(user, role)
    requires: exists user
    let membership = Membership{user}
    ensures: membership.role = role
}`,
		},
		{
			name: "a helper that answers nothing and ends with a bare return when its row is absent writes only when the row exists",
			helper: `
def set_role(*, db_session, user, role):
    membership = db_session.query(Membership).filter(Membership.user_id == user.id).one_or_none()
    if not membership:
        return
    membership.role = role
`,
			construct: "UpdateUser",
			want: `rule UpdateUser {
    when: UpdateUser(user, role)
    requires: exists user
    let membership = Membership{user}
    ensures:
        if exists membership:
            membership.role = role
}`,
		},
		{
			name: "a bare return on a parameter's absence keeps the old reading: the caller says whether it holds",
			helper: `
def set_role(*, db_session, user, role):
    membership = db_session.query(Membership).filter(Membership.user_id == user.id).one_or_none()
    if not role:
        return
    membership.role = role
`,
			construct: "UpdateUser",
			want: `rule UpdateUser {
    when: UpdateUser(user, role)
    requires: exists user
    let membership = Membership{user}
    ensures: membership.role = role
}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, earlyReturnService(tt.helper, tt.after))
			if got := construct(out.Module, tt.construct); got != tt.want {
				t.Errorf("%s:\ngot:\n%s\nwant:\n%s\nnotes: %v", tt.construct, got, tt.want, out.Notes)
			}
		})
	}
}

// earlyReturnService is a FastAPI service whose update_user view calls the
// helper set_role, then runs after.
func earlyReturnService(helper, after string) map[string]string {
	return map[string]string{"app/models.py": `
from sqlalchemy import Column, Integer, String, ForeignKey
from sqlalchemy.orm import relationship, declarative_base
Base = declarative_base()

class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    name = Column(String)

class Membership(Base):
    __tablename__ = "memberships"
    id = Column(Integer, primary_key=True)
    user_id = Column(Integer, ForeignKey(User.id))
    user = relationship(User, backref="memberships")
    role = Column(String)
`, "app/views.py": `
from fastapi import APIRouter, HTTPException
from .models import User, Membership
router = APIRouter()
` + helper + `
@router.put("/users/{user_id}")
def update_user(db_session, user_id: int, role: str, name: str):
    user = db_session.query(User).filter(User.id == user_id).one_or_none()
    if not user:
        raise HTTPException(status_code=404)
    set_role(db_session=db_session, user=user, role=role)
` + after + `    db_session.commit()
    return user
`}
}
