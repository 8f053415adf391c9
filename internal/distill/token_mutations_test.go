package distill

import (
	"strings"
	"testing"

	"github.com/distill/distill/internal/allium"
)

// TestFrameworkTokenMutations pins the graphql_jwt mutation bases a
// service's mutation reaches through super().mutate(...) (catalog
// token_mutations, refresh_token_mutations), as django-graphql-auth's
// MutationMixin.parent_resolve does: JSONWebTokenMutation authenticates
// the login and password handed on and issues the token (and, with
// long-running refresh tokens on, a refresh token); Refresh takes an
// unrevoked, unexpired refresh token and issues a token and a new refresh
// token for its user; Revoke revokes one. Without the framework base, with
// a mapping the walk cannot read, or with long-running refresh tokens off,
// nothing is stated.
func TestFrameworkTokenMutations(t *testing.T) {
	const models = `
from django.contrib.auth.models import AbstractUser
class CustomUser(AbstractUser):
    pass
`
	const mixins = `
import graphene
import graphql_jwt


class MutationMixin:
    @classmethod
    def mutate(cls, root, info, **input):
        return cls.resolve_mutation(root, info, **input)

    @classmethod
    def parent_resolve(cls, root, info, **kwargs):
        return super().mutate(root, info, **kwargs)
`
	const handOn = `
class Login(MutationMixin, %s):
    @classmethod
    def resolve_mutation(cls, root, info, **kwargs):
        return cls.parent_resolve(root, info, **kwargs)
`
	const settings = "from datetime import timedelta\nAUTH_USER_MODEL = \"app.CustomUser\"\nINSTALLED_APPS = [\"django.contrib.auth\", \"graphql_jwt.refresh_token\"]\n"
	const longRunning = settings + "GRAPHQL_JWT = {\"JWT_LONG_RUNNING_REFRESH_TOKEN\": True}\n"
	const signsIn = `rule Login {
    when: Login(username, password)
    let user = CustomUser{username}
    requires: verify(password, user.password)
    requires: user.is_active
    requires: exists user
    ensures:
        JsonWebToken.created(user: user, expires_at: now + config.jwt_expiration)
        RefreshToken.created(user: user, created: now)
}`
	const refreshes = `rule Login {
    when: Login(refresh_token)
    requires: refresh_token.revoked = null
    requires: refresh_token.created + config.jwt_refresh_expiration >= now
    ensures:
        JsonWebToken.created(user: refresh_token.user, expires_at: now + config.jwt_expiration)
        RefreshToken.created(user: refresh_token.user, created: now)
}`
	tests := []struct {
		name     string
		schema   string
		settings string
		rule     string // the rule's name; Login when empty
		want     string // the rule; "" for none
		config   string // a config line the spec must hold
	}{
		{
			name:     "JSONWebTokenMutation reached through a mixin: the credentials handed on sign in",
			schema:   strings.Replace(handOn, "%s", "graphql_jwt.JSONWebTokenMutation", 1),
			settings: longRunning,
			want:     signsIn,
			config:   "jwt_expiration: Duration = 5.minutes",
		},
		{
			name: "the credentials handed on in a dict the mixin builds",
			schema: `
class Login(MutationMixin, graphql_jwt.JSONWebTokenMutation):
    @classmethod
    def resolve_mutation(cls, root, info, **kwargs):
        credentials = {"username": kwargs["username"], "password": kwargs["password"]}
        return cls.parent_resolve(root, info, **credentials)
`,
			settings: longRunning,
			want:     signsIn,
		},
		{
			// django-graphql-auth's ObtainJSONWebTokenMixin: the input
			// handed on whole when it holds the login field; otherwise a
			// dict made after looking the user up by another field.
			name: "the login field's walk hands the input on; the other field's is unread",
			schema: `
from django.contrib.auth import get_user_model
UserModel = get_user_model()

class Login(MutationMixin, graphql_jwt.JSONWebTokenMutation):
    @classmethod
    def resolve_mutation(cls, root, info, **kwargs):
        next_kwargs = None
        USERNAME_FIELD = UserModel.USERNAME_FIELD
        if USERNAME_FIELD in kwargs:
            next_kwargs = kwargs
            password = kwargs.get("password")
        else:
            password = kwargs.pop("password")
            query_field, query_value = kwargs.popitem()
            user = lookup_user(query_field, query_value)
        if not next_kwargs:
            next_kwargs = {"password": password, USERNAME_FIELD: getattr(user, USERNAME_FIELD)}
        return cls.parent_resolve(root, info, **next_kwargs)
`,
			settings: longRunning,
			rule:     "LoginUsername",
			want:     strings.ReplaceAll(signsIn, "Login", "LoginUsername"),
		},
		{
			name: "the class's own mutate keeping what the base's returns",
			schema: `
class Login(graphql_jwt.JSONWebTokenMutation):
    @classmethod
    def mutate(cls, root, info, **kwargs):
        payload = super().mutate(root, info, **kwargs)
        return payload
`,
			settings: longRunning,
			want:     signsIn,
		},
		{
			name: "a mapping the walk cannot read: no sign-in stated",
			schema: `
class Login(MutationMixin, graphql_jwt.JSONWebTokenMutation):
    @classmethod
    def resolve_mutation(cls, root, info, **kwargs):
        return cls.parent_resolve(root, info, **load_credentials())
`,
			settings: longRunning,
		},
		{
			name:     "no framework base: super().mutate is graphene's, nothing stated",
			schema:   strings.Replace(handOn, "%s", "graphene.Mutation", 1),
			settings: longRunning,
		},
		{
			name:     "Refresh with long-running refresh tokens: a token and a new refresh token for its user",
			schema:   strings.Replace(handOn, "%s", "graphql_jwt.Refresh", 1),
			settings: longRunning,
			want:     refreshes,
			config:   "jwt_refresh_expiration: Duration = 7.days",
		},
		{
			name:     "Refresh with the expiry the setting gives",
			schema:   strings.Replace(handOn, "%s", "graphql_jwt.Refresh", 1),
			settings: settings + "GRAPHQL_JWT = {\"JWT_LONG_RUNNING_REFRESH_TOKEN\": True, \"JWT_REFRESH_EXPIRATION_DELTA\": timedelta(days=30)}\n",
			want:     refreshes,
			config:   "jwt_refresh_expiration: Duration = 30.days",
		},
		{
			name:     "Refresh reusing refresh tokens: no new one",
			schema:   strings.Replace(handOn, "%s", "graphql_jwt.Refresh", 1),
			settings: settings + "GRAPHQL_JWT = {\"JWT_LONG_RUNNING_REFRESH_TOKEN\": True, \"JWT_REUSE_REFRESH_TOKENS\": True}\n",
			want: `rule Login {
    when: Login(refresh_token)
    requires: refresh_token.revoked = null
    requires: refresh_token.created + config.jwt_refresh_expiration >= now
    ensures: JsonWebToken.created(user: refresh_token.user, expires_at: now + config.jwt_expiration)
}`,
		},
		{
			name:     "Refresh with long-running refresh tokens off (the default): the keep-alive refresh, not described",
			schema:   strings.Replace(handOn, "%s", "graphql_jwt.Refresh", 1),
			settings: settings,
		},
		{
			name:     "Revoke: the refresh token revoked",
			schema:   strings.Replace(handOn, "%s", "graphql_jwt.Revoke", 1),
			settings: longRunning,
			want: `rule Login {
    when: Login(refresh_token)
    requires: refresh_token.revoked = null
    ensures: refresh_token.revoked = now
}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, New(Options{}), map[string]string{
				"app/models.py":    models,
				"app/schema.py":    mixins + tt.schema,
				"proj/settings.py": tt.settings,
			})
			rule := tt.rule
			if rule == "" {
				rule = "Login"
			}
			if got := construct(out.Module, rule); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s\nnotes: %v", got, tt.want, out.Notes)
			}
			if printed := string(allium.Print(out.Module, allium.PrintOptions{})); tt.config != "" && !strings.Contains(printed, tt.config) {
				t.Errorf("want %q in:\n%s", tt.config, printed)
			}
		})
	}
}
