package distill

import (
	"strings"
	"testing"
)

// TestClassFlags pins classFlag: a view's dispatch that validates its input
// only `if self.handle_json_input and request.method != "GET"`, the flag
// fixed True on the class (django-allauth's RESTView, headless/internal/
// restkit/views.py:16-31), validates it for a POST handler, so the input's
// field validators are the handler's preconditions. A flag some method
// sets is not the class's to fix.
func TestClassFlags(t *testing.T) {
	restkit := `
import json
from django import forms
from django.views.generic import View


class RESTView(View):
    input_class = None
    handle_json_input = FLAG

    def dispatch(self, request, *args, **kwargs):
        return self.handle(request, *args, **kwargs)

    def handle(self, request, *args, **kwargs):
        if self.handle_json_input and request.method != "GET":
            self.data = json.loads(request.body)
            response = self.handle_input(self.data)
            if response:
                return response
        return super().dispatch(request, *args, **kwargs)

    def get_input_class(self):
        return self.input_class

    def get_input_kwargs(self):
        return {}

    def handle_input(self, data):
MAKE
        if not self.input.is_valid():
            return ErrorResponse(self.request, input=self.input)
        return None
EXTRA
`
	views := `
from django import forms
from .restkit import RESTView


class ChangePasswordInput(forms.Form):
    current_password = forms.CharField(required=False)
    new_password = forms.CharField()

    def __init__(self, *args, **kwargs):
        self.user = kwargs.pop("user")
        super().__init__(*args, **kwargs)

    def clean_current_password(self):
        current_password = self.cleaned_data["current_password"]
        if current_password:
            if not self.user.check_password(current_password):
                raise forms.ValidationError("enter_current_password")
        return current_password


class ChangePasswordView(RESTView):
    input_class = ChangePasswordInput

    def post(self, request, *args, **kwargs):
        user = request.user
        user.set_password(self.input.cleaned_data["new_password"])
        user.save()
        return JsonResponse({})

    def get_input_kwargs(self):
        return {"user": self.request.user}
`
	models := `
from django.contrib.auth.models import AbstractUser

class User(AbstractUser):
    pass
`
	const check = "requires: not exists current_password or verify(current_password, user.password)"
	const throughLocal = `        input_class = self.get_input_class()
        input_kwargs = self.get_input_kwargs()
        self.input = input_class(data=data, **input_kwargs)`
	for _, tc := range []struct {
		name, flag, extra, make string
		want, notWant           []string
	}{
		{name: "a flag the class fixes True", flag: "True", make: throughLocal, want: []string{check, "user.password = hash(new_password)"}},
		{
			// viewClassCall: the class attribute called on self.
			name: "the input class called on self", flag: "True", make: `        self.input = self.input_class(data=data, **self.get_input_kwargs())`,
			want: []string{check, "user.password = hash(new_password)"},
		},
		{name: "a flag a method sets", flag: "True", make: throughLocal, extra: `
    def setup(self, request, *args, **kwargs):
        self.handle_json_input = request.content_type == "application/json"
        super().setup(request, *args, **kwargs)
`, want: []string{"user.password = hash(new_password)"}, notWant: []string{check}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := New(Options{})
			defer d.Close()
			out := distilText(t, d, map[string]string{
				"app/models.py":  models,
				"app/restkit.py": strings.NewReplacer("FLAG", tc.flag, "EXTRA", tc.extra, "MAKE", tc.make).Replace(restkit),
				"app/views.py":   views,
			})
			wantConstruct(t, out, "ChangePassword", tc.want, tc.notWant)
		})
	}
}
