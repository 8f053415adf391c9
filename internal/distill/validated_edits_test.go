package distill

import "testing"

// TestModelSerializerDefaultSave: DRF's ModelSerializer.save() with no
// create() of the serializer's own creates the Meta model from the
// validated data, as the serializer's validate() left it: a key it set
// holds what it set, a key it popped is not written. authenticate's
// request keyword is no credential.
func TestModelSerializerDefaultSave(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	files := func(validate string) map[string]string {
		return map[string]string{
			"keys/models.py": `
from django.db import models
from django.contrib.auth.models import AbstractUser
class User(AbstractUser):
    pass
class Token(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE)
    key = models.CharField(max_length=40)
    description = models.CharField(max_length=200, blank=True)
`,
			"keys/serializers.py": `
from django.contrib.auth import authenticate
from rest_framework import serializers
from rest_framework.exceptions import AuthenticationFailed
from keys.models import Token
class TokenSerializer(serializers.ModelSerializer):
    username = serializers.CharField(write_only=True, required=False)
    password = serializers.CharField(write_only=True, required=False)
    class Meta:
        model = Token
        fields = ("id", "user", "key", "description", "username", "password")
` + validate,
			"keys/views.py": `
from rest_framework.views import APIView
from rest_framework.response import Response
from keys.serializers import TokenSerializer
class IssueTokenView(APIView):
    def post(self, request):
        serializer = TokenSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        serializer.save()
        return Response(serializer.data, status=201)
`,
		}
	}
	tests := []struct {
		name, validate, want string
	}{
		{
			name: "no validate: the listed model fields from the input",
			want: "rule IssueToken {\n    when: IssueToken(user, key, description)\n    ensures: Token.created(user: user, key: key, description: description)\n}",
		},
		{
			name: "validate authenticates (the request keyword no credential), sets the user found and pops the credentials",
			validate: `
    def validate(self, data):
        username = data.pop("username")
        password = data.pop("password")
        found = authenticate(request=self.context.get("request"), username=username, password=password)
        if found is None:
            raise AuthenticationFailed("Invalid username/password")
        data["user"] = found
        return data
`,
			want: "rule IssueToken {\n    when: IssueToken(username, password, key, description)\n    let found = User{username}\n" +
				"    requires: verify(password, found.password)\n    requires: found.is_active\n    requires: exists found\n" +
				"    ensures: Token.created(user: found, key: key, description: description)\n}",
		},
		{
			name: "a model field validate pops is not written",
			validate: `
    def validate(self, data):
        data.pop("description", None)
        return data
`,
			want: "rule IssueToken {\n    when: IssueToken(user, key)\n    ensures: Token.created(user: user, key: key)\n}",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, files(tt.validate))
			if got := construct(out.Module, "IssueToken"); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s\nnotes: %v", got, tt.want, out.Notes)
			}
		})
	}
}
