package distill

import "testing"

// TestDictEdits pins fastapi-boilerplate's write_user: a request schema
// dumped into a dict, edited, and built into another schema the
// repository creates the row from.
func TestDictEdits(t *testing.T) {
	d := New(Options{})
	tests := []struct {
		name, handler, want string
	}{
		{
			name: "a key set from another and the other deleted: the row gets the set one, read before the delete",
			handler: `
@router.post("/user")
async def write_user(user: UserCreate, db = None):
    d = user.model_dump()
    d["hashed_password"] = get_password_hash(password=d["password"])
    del d["password"]
    await crud_users.create(db=db, object=UserCreateInternal(**d))
`,
			want: `rule WriteUser {
    when: WriteUser(name, username, password)
    ensures:
        User.created(
            name: name,
            username: username,
            hashed_password: hash(password),
            is_deleted: false
        )
}`,
		},
		{
			name: "fields excluded from the dump are not given",
			handler: `
@router.post("/user")
async def write_user(user: UserCreate, db = None):
    d = user.model_dump(exclude={"name"})
    await crud_users.create(db=db, object=UserCreateInternal(**d))
`,
			want: `rule WriteUser {
    when: WriteUser(username)
    ensures: User.created(username: username, is_deleted: false)
}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := keyService(true, `
import bcrypt

class UserBase(BaseModel):
    name: str
    username: str

class UserCreate(UserBase):
    password: str

class UserCreateInternal(UserBase):
    hashed_password: str

def get_password_hash(password: str) -> str:
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt()).decode()
`+tt.handler)
			files["app/models.py"] += "    hashed_password: Mapped[str]\n"
			out := distilText(t, d, files)
			if got := construct(out.Module, "WriteUser"); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s\nnotes: %v", got, tt.want, out.Notes)
			}
		})
	}
}
