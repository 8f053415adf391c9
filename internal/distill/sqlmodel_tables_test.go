package distill

import "testing"

// TestSQLModelTableBases pins SQLModel's layout of shared properties (the
// full-stack FastAPI template's models.py): a table declared with
// `table=True` over a plain SQLModel base of the service has the base's
// fields, and the base and its other subclasses (request bodies) are no
// entities.
func TestSQLModelTableBases(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	tests := []struct {
		name, models, entity, want string
	}{
		{
			name: "a table over a plain base has the base's fields after its own",
			models: `class UserBase(SQLModel):
    email: str = Field(unique=True, index=True, max_length=255)
    full_name: str | None = Field(default=None, max_length=255)

class User(UserBase, table=True):
    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    hashed_password: str
`,
			entity: "User",
			want:   "entity User {\n    hashed_password: String\n    email: String\n    full_name: String?\n}",
		},
		{
			name: "the plain base is no entity",
			models: `class UserBase(SQLModel):
    email: str

class User(UserBase, table=True):
    id: int | None = Field(default=None, primary_key=True)
`,
			entity: "UserBase",
			want:   "",
		},
		{
			name: "a request body over the same base is no entity",
			models: `class UserBase(SQLModel):
    email: str

class UserCreate(UserBase):
    password: str

class User(UserBase, table=True):
    id: int | None = Field(default=None, primary_key=True)
`,
			entity: "UserCreate",
			want:   "",
		},
		{
			name: "the table keyword over a base that is no SQLModel makes no table",
			models: `class Plain:
    email: str

class User(Plain, table=True):
    id: int | None = None
`,
			entity: "User",
			want:   "",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "import uuid\nfrom sqlmodel import Field, SQLModel\n\n" + tt.models
			out := distilText(t, d, map[string]string{"app/models.py": src})
			if got := construct(out.Module, tt.entity); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s\nnotes: %v", got, tt.want, out.Notes)
			}
		})
	}
}
