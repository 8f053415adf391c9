package distill

import (
	"testing"

	"github.com/distill/distill/internal/allium"
)

// sqlUserModel is a SQLAlchemy 2.0 user model for the tests of helpers.
const sqlUserModel = `
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
class Base(DeclarativeBase):
    pass
class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str]
    name: Mapped[str]
    email: Mapped[str]
`

// TestMemoizedMethods: an instance attribute set to a memoizer wrapping a
// method of the class (warehouse's self.cached_get_user =
// functools.lru_cache(self._get_user)) runs that method when called; and
// a row looked up by the id of the row the rule just created is that row.
func TestMemoizedMethods(t *testing.T) {
	d := New(Options{})
	service := func(cache string) string {
		return `
import functools
from pyramid.view import view_config
from app.models import User
def keep(fn):
    return fn
class UserService:
    def __init__(self, session):
        self.db = session
        self.cached_get_user = ` + cache + `(self._get_user)
    def _get_user(self, userid):
        return self.db.query(User).filter(User.id == userid).one_or_none()
    def get_user(self, userid):
        return self.cached_get_user(userid)
    def rename(self, userid, name):
        user = self.get_user(userid)
        user.name = name
    def create_user(self, username):
        user = User(username=username, name="")
        self.db.add(user)
        return user
user_service = UserService(None)
@view_config(route_name="rename")
def rename(request):
    user_service.rename(request.matchdict["userid"], request.POST["name"])
@view_config(route_name="signup")
def signup(request):
    user = user_service.create_user(request.POST["username"])
    user_service.rename(user.id, request.POST["name"])
`
	}
	for _, tc := range []struct {
		name         string
		cache        string
		want, absent []string
	}{
		{
			name:  "functools.lru_cache of a method is that method",
			cache: "functools.lru_cache",
			want:  []string{"user.name = name", "when: Signup(username, name)"},
		},
		{
			name:  "functools.cache too",
			cache: "functools.cache",
			want:  []string{"user.name = name"},
		},
		{
			name:   "a wrapper that is no memoizer is not followed",
			cache:  "keep",
			absent: []string{"user.name = name"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{"app/models.py": sqlUserModel, "app/views.py": service(tc.cache)})
			text := string(allium.Print(out.Module, allium.PrintOptions{}))
			assertSpecText(t, text, tc.want, tc.absent)
		})
	}
}
