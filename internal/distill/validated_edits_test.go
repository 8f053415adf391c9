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
	files := func(validate string, more ...string) map[string]string {
		declared, meta, create := "", "", ""
		if len(more) == 3 {
			declared, meta, create = more[0], more[1], more[2]
		}
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
    created = models.DateTimeField(auto_now_add=True)
    last_used = models.DateTimeField(null=True)
`,
			"keys/serializers.py": `
from django.contrib.auth import authenticate
from rest_framework import serializers
from rest_framework.exceptions import AuthenticationFailed
from keys.models import Token
class TokenSerializer(serializers.ModelSerializer):
    username = serializers.CharField(write_only=True, required=False)
    password = serializers.CharField(write_only=True, required=False)
` + declared + `
    class Meta:
        model = Token
        fields = ("id", "user", "key", "description", "username", "password")
` + meta + validate + create,
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
		more                 []string // declared fields, Meta lines, create
	}{
		{
			name: "no validate: the listed model fields from the input",
			want: "rule IssueToken {\n    when: IssueToken(user, key, description)\n    ensures: Token.created(user: user, key: key, description: description, created: now)\n}",
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
				"    ensures: Token.created(user: found, key: key, description: description, created: now)\n}",
		},
		{
			name: "a model field validate pops is not written",
			validate: `
    def validate(self, data):
        data.pop("description", None)
        return data
`,
			want: "rule IssueToken {\n    when: IssueToken(user, key)\n    ensures: Token.created(user: user, key: key, created: now)\n}",
		},
		{
			name: "fields declared read-only, listed read-only or not editable are no inputs; one validate sets is written; super().create is the framework's",
			more: []string{
				"    user = serializers.CharField(read_only=True)\n    key = serializers.CharField(read_only=True)\n",
				"        read_only_fields = (\"description\",)\n        fields = (\"id\", \"user\", \"key\", \"description\", \"created\", \"last_used\", \"username\", \"password\")\n",
				"    def create(self, validated_data):\n        token = super().create(validated_data)\n        return token\n",
			},
			validate: `
    def validate(self, data):
        found = authenticate(username=data.pop("username"), password=data.pop("password"))
        if found is None:
            raise AuthenticationFailed("Invalid username/password")
        data["user"] = found
        return data
`,
			want: "rule IssueToken {\n    when: IssueToken(username, password, last_used)\n    let found = User{username}\n" +
				"    requires: verify(password, found.password)\n    requires: found.is_active\n    requires: exists found\n" +
				"    ensures: Token.created(user: found, last_used: last_used, created: now)\n}",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, files(tt.validate, tt.more...))
			if got := construct(out.Module, "IssueToken"); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s\nnotes: %v", got, tt.want, out.Notes)
			}
		})
	}
}
