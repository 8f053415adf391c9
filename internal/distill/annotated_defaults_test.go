package distill

import "testing"

// TestAnnotatedFlagDefaults pins the default of a flag an annotated model
// declares by a plain value (SQLModel's is_active: bool = True,
// fastapi-full-stack backend/app/models.py:16-17): a row made without it
// is created with it; a field whose default is no flag states none.
func TestAnnotatedFlagDefaults(t *testing.T) {
	files := map[string]string{
		"app/models.py": `
from sqlmodel import Field, SQLModel

class UserBase(SQLModel):
    email: str = Field(unique=True)
    is_active: bool = True
    nickname: str = "anon"

class User(UserBase, table=True):
    id: int | None = Field(default=None, primary_key=True)
    hashed_password: str
`,
		"app/routes.py": sqlmodelRoutesHeader + `
@router.post("/users/")
def create_user(session: Session, email: str, password: str):
    user = User(email=email, hashed_password=get_password_hash(password))
    session.add(user)
    session.commit()

@router.post("/inactive/")
def create_inactive(session: Session, email: str, password: str):
    user = User(email=email, is_active=False, hashed_password=get_password_hash(password))
    session.add(user)
    session.commit()
`,
	}
	runIdiomCases(t, files, []idiomCase{
		{name: "a flag's default, not given", construct: "CreateUser", want: []string{"is_active: true"}, notWant: []string{"nickname:"}},
		{name: "a flag given overrides its default", construct: "CreateInactive", want: []string{"is_active: false"}, notWant: []string{"is_active: true"}},
	})
}
