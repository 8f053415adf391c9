package distill

import "maps"

// jwtLoginFiles is a Django service in django-styleguide's shape: a user
// model logging in by email, a function giving a user's token key, and
// the files given (a subclass of rest_framework_jwt's
// ObtainJSONWebTokenView, settings). TestDjangoIdioms reads it.
func jwtLoginFiles(files map[string]string) map[string]string {
	out := map[string]string{
		"users/models.py": `
import uuid
from django.contrib.auth.models import AbstractBaseUser
from django.db import models
class User(AbstractBaseUser):
    email = models.EmailField(unique=True)
    is_active = models.BooleanField(default=True)
    jwt_key = models.UUIDField(default=uuid.uuid4)
    USERNAME_FIELD = "email"
`,
		"auth/services.py": `
def user_secret_key(user):
    return str(user.jwt_key)
`,
	}
	maps.Copy(out, files)
	return out
}

// jwtSettings set the token's lifetime through another setting and name
// the key function.
const jwtSettings = `
import datetime
LIFETIME_SECONDS = env("LIFETIME_SECONDS", default=60 * 60 * 24)
JWT_AUTH = {
    "JWT_GET_USER_SECRET_KEY": "auth.services.user_secret_key",
    "JWT_EXPIRATION_DELTA": datetime.timedelta(seconds=LIFETIME_SECONDS),
}
`

// jwtSuperPost reaches the framework's POST through super().post().
const jwtSuperPost = `
from rest_framework_jwt.views import ObtainJSONWebTokenView
class JwtLogin(ObtainJSONWebTokenView):
    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        response.status_code = 200
        return response
`

// jwtLoginRule is the rule of JwtLogin, whose token is created as given.
func jwtLoginRule(created string) string {
	return `rule JwtLogin {
    when: JwtLogin(email, password)
    let user = User{email}
    requires: verify(password, user.password)
    requires: user.is_active
    requires: exists user
    ensures:` + created + `
}`
}

// jwtConfigured reaches the framework's POST by super().post() with the
// settings; jwtInherited inherits it, with none.
var (
	jwtConfigured = jwtLoginFiles(map[string]string{"config/settings.py": jwtSettings, "auth/views.py": jwtSuperPost})
	jwtInherited  = jwtLoginFiles(map[string]string{"auth/views.py": "from rest_framework_jwt.views import ObtainJSONWebTokenView\nclass JwtLogin(ObtainJSONWebTokenView):\n    pass\n"})
)
