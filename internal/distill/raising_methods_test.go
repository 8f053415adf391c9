package distill

import (
	"testing"
)

// TestOwnDecodersAndRaisingMethods pins three readings of GraphQL
// account mutations (held-out saleor's ConfirmEmailChange and
// PasswordChange): the service's own decoder named as the catalog's
// (jwt_decode) reads the token it is given even when its body cannot be
// read (a manager class imported from a setting); `return
// cls.reject_token()` of a method that always raises ends the request as
// a raise does, so the check before it is a precondition and not a
// condition the rest runs under; and a call of such a method as a
// statement (cls.raise_invalid_credentials()) is an abort. Each case
// fails without its mechanism.
func TestOwnDecodersAndRaisingMethods(t *testing.T) {
	const jwtModule = `
import jwt
from django.conf import settings
from django.utils.module_loading import import_string

def get_jwt_manager():
    return import_string(settings.JWT_MANAGER_PATH)

def jwt_decode(token, verify_aud=False):
    jwt_manager = get_jwt_manager()
    return jwt_manager.decode(token, verify_aud=verify_aud)
`
	// A base mutation that keeps perform_mutation's response and answers
	// the validation errors it raises (saleor's BaseMutation.mutate,
	// graphql/core/mutations.py:519-532).
	const base = `
import graphene
from django.core.exceptions import ValidationError

class BaseMutation(graphene.Mutation):
    @classmethod
    def mutate(cls, root, info, **data):
        try:
            response = cls.perform_mutation(root, info, **data)
            if response.errors is None:
                response.errors = []
            return response
        except ValidationError as e:
            return cls.handle_errors(e)

    @classmethod
    def perform_mutation(cls, root, info, **data):
        raise NotImplementedError()
`
	tests := []struct {
		name   string
		schema string
		rule   string
		want   string
	}{
		{
			name: "the service's own jwt_decode, its manager unread, still reads the token",
			schema: `
import jwt
from django.core.exceptions import ValidationError
from core.jwt import jwt_decode

class ConfirmEmailChange(BaseMutation):
    @classmethod
    def get_token_payload(cls, token):
        try:
            payload = jwt_decode(token)
        except jwt.PyJWTError as e:
            raise ValidationError("Invalid or expired token.") from e
        return payload

    @classmethod
    def perform_mutation(cls, root, info, /, *, token):
        user = info.context.user
        payload = cls.get_token_payload(token)
        user.email = payload["new_email"].lower()
        user.save(update_fields=["email"])
        return cls()
`,
			rule: "ConfirmEmailChange",
			want: `rule ConfirmEmailChange {
    when: ConfirmEmailChange(token, user)
    requires: token.is_valid
    ensures: user.email = lowercase(token.new_email)
}`,
		},
		{
			name: "return cls.reject_token() of a method that always raises is a raise",
			schema: `
import jwt
import logging
from django.core.exceptions import ValidationError

logger = logging.getLogger(__name__)

class ConfirmEmailChange(BaseMutation):
    @staticmethod
    def reject_token():
        raise ValidationError("Invalid token.")

    @classmethod
    def perform_mutation(cls, root, info, /, *, token):
        user = info.context.user
        payload = jwt.decode(token, "secret", algorithms=["HS256"])
        new_email = payload["new_email"]
        old_email = payload["old_email"]
        if user.email != old_email:
            logger.info("mismatching (%s)", user.pk)
            return cls.reject_token()
        if User.objects.filter(email=new_email).exists():
            raise ValidationError("Email is used by other user.")
        user.email = new_email
        user.save(update_fields=["email"])
        return cls()
`,
			rule: "ConfirmEmailChange",
			want: `rule ConfirmEmailChange {
    when: ConfirmEmailChange(token, user)
    requires: token.is_valid
    requires: user.email = token.old_email
    requires: not exists User{email: token.new_email}
    ensures: user.email = token.new_email
}`,
		},
		{
			name: "cls.raise_invalid_credentials() as a statement aborts",
			schema: `
from django.core.exceptions import ValidationError

class PasswordChange(BaseMutation):
    @classmethod
    def raise_invalid_credentials(cls):
        raise ValidationError({"old_password": ValidationError("Old password isn't valid.")})

    @classmethod
    def perform_mutation(cls, root, info, /, **data):
        user = info.context.user
        if not user.check_password(data["old_password"]):
            cls.raise_invalid_credentials()
        user.set_password(data["new_password"])
        user.save(update_fields=["password"])
        return cls()
`,
			rule: "PasswordChange",
			want: `rule PasswordChange {
    when: PasswordChange(old_password, user, new_password)
    requires: verify(old_password, user.password)
    ensures: user.password = hash(new_password)
}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, New(Options{}), map[string]string{
				"core/__init__.py": "",
				"core/jwt.py":      jwtModule,
				"app/models.py":    mutationPipelineModels,
				"app/schema.py":    base + "from .models import User, Invoice\n" + tt.schema,
			})
			if got := construct(out.Module, tt.rule); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s\nnotes: %v", got, tt.want, out.Notes)
			}
		})
	}
}
