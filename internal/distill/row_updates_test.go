package distill

import (
	"slices"
	"strings"
	"testing"
)

// TestRowUpdates pins SQLModel's row.sqlmodel_update(data, update=extra)
// (the full-stack template's crud.update_user and update_user_me): each
// entry names a field of the row, a body's optional field is written only
// when given, an extra entry set only when a key is in a dump of the set
// fields (exclude_unset=True) is written under that test, and a key the
// row has no field of writes nothing.
func TestRowUpdates(t *testing.T) {
	models := `
from sqlmodel import Field, SQLModel

class User(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    email: str
    full_name: str | None = None
    hashed_password: str
    is_active: bool = True

class UserUpdate(SQLModel):
    email: str | None = None
    full_name: str | None = None
    password: str | None = None
    is_active: bool = True
`
	tests := []struct {
		name, body    string
		want, notWant []string
	}{
		{
			name: "a dump of the set fields: each written when given",
			body: `    user_data = user_in.model_dump(exclude_unset=True)
    user.sqlmodel_update(user_data)
`,
			want:    []string{"if exists email:\n            user.email = email", "if exists full_name:\n            user.full_name = full_name"},
			notWant: []string{"user.password", "hashed_password"},
		},
		{
			// exclude_unset leaves out a field the request did not set,
			// whatever its default: is_active is written only when given.
			name: "a dump of the set fields: a defaulted field written when given",
			body: `    user_data = user_in.model_dump(exclude_unset=True)
    user.sqlmodel_update(user_data)
`,
			want:    []string{"if exists is_active:\n            user.is_active = is_active"},
			notWant: []string{"\n        user.is_active = is_active"},
		},
		{
			name: "a dump of every field: each written always",
			body: `    user_data = user_in.model_dump()
    user.sqlmodel_update(user_data)
`,
			want:    []string{"\n        user.email = email", "\n        user.is_active = is_active"},
			notWant: []string{"if exists"},
		},
		{
			name: "a defaulted key in the dump: the extra entry under its test",
			body: `    user_data = user_in.model_dump(exclude_unset=True)
    extra_data = {}
    if "is_active" in user_data:
        note = "reactivated"
        extra_data["full_name"] = note
    user.sqlmodel_update(user_data, update=extra_data)
`,
			want: []string{"if exists is_active:\n            user.is_active = is_active\n            user.full_name = \"reactivated\""},
		},
		{
			name: "an extra entry set when a key is in the dump",
			body: `    user_data = user_in.model_dump(exclude_unset=True)
    extra_data = {}
    if "password" in user_data:
        hashed = get_password_hash(user_data["password"])
        extra_data["hashed_password"] = hashed
    user.sqlmodel_update(user_data, update=extra_data)
`,
			want:    []string{"if exists password:\n            user.hashed_password = hash(password)", "if exists email:\n            user.email = email"},
			notWant: []string{"user.password ="},
		},
		{
			// fastapi-full-stack's reset_password hands crud.update_user
			// UserUpdate(password=body.new_password) (login.py:91-96,
			// crud.py:20-27): the key is in the dump (literalKeyIn) and
			// its entry is what the shape was made with (writtenOut).
			name: "a dump of a shape made in code: its keys are given",
			body: `    changes = UserUpdate(password=user_in.password)
    user_data = changes.model_dump(exclude_unset=True)
    extra_data = {}
    if "password" in user_data:
        hashed = get_password_hash(user_data["password"])
        extra_data["hashed_password"] = hashed
    user.sqlmodel_update(user_data, update=extra_data)
`,
			want:    []string{"ensures: user.hashed_password = hash(password)"},
			notWant: []string{"if exists password", "user.password ="},
		},
		{
			name: "an extra entry set under a test the spec cannot state is left out",
			body: `    user_data = user_in.model_dump(exclude_unset=True)
    extra_data = {}
    if rotation_due(user_in):
        hashed = get_password_hash(user_data["password"])
        extra_data["hashed_password"] = hashed
    user.sqlmodel_update(user_data, update=extra_data)
`,
			want:    []string{"if exists email:\n            user.email = email"},
			notWant: []string{"hashed_password"},
		},
	}
	d := New(Options{})
	defer d.Close()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			routes := sqlmodelRoutesHeader + `
@router.patch("/users/{user_id}")
def update_user(*, session: Session, user_id: int, user_in: UserUpdate):
    user = session.get(User, user_id)
    if not user:
        raise HTTPException(status_code=404, detail="not found")
` + tt.body + `    session.add(user)
    session.commit()
`
			out := distilText(t, d, map[string]string{"app/models.py": models, "app/routes.py": routes})
			got := construct(out.Module, "UpdateUser")
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

// TestRowUpdateOfUnknownRowNote: a row update on a row the walk could not
// name (found by a value it cannot state: the full-stack template's
// reset_password, by a decoded token's subject) still changes state, and
// the handler's note says so rather than that it has no effects.
func TestRowUpdateOfUnknownRowNote(t *testing.T) {
	models := `
from sqlmodel import Field, SQLModel

class User(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    email: str
    hashed_password: str
`
	tests := []struct{ name, body, want string }{
		{
			name: "an update of an unknown row changes state",
			body: "    user.sqlmodel_update({\"hashed_password\": body.new_password})\n",
			want: "handler reset_password changes state in ways the spec could not state",
		},
		{
			name: "no update: no effects",
			body: "    print(user)\n",
			want: "handler reset_password has no effects the spec can state",
		},
	}
	d := New(Options{})
	defer d.Close()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			routes := sqlmodelRoutesHeader + `
from sqlmodel import select
from app.tokens import subject_of
@router.post("/reset-password/")
def reset_password(session: Session, body: dict):
    user = session.exec(select(User).where(User.email == subject_of(body.token))).first()
` + tt.body + `    session.add(user)
    session.commit()
`
			out := distilText(t, d, map[string]string{"app/models.py": models, "app/routes.py": routes})
			if !slices.ContainsFunc(out.Notes, func(n string) bool { return strings.Contains(n, tt.want) }) {
				t.Errorf("no note %q in %v", tt.want, out.Notes)
			}
		})
	}
}
