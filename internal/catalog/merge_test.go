package catalog

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestMerge(t *testing.T) {
	t.Parallel()
	py := &Language{
		ClockCalls:   []string{"datetime.now", "time.time"},
		TableKeyword: "table",
		Types:        map[string][]string{"String": {"str"}, "Integer": {"int"}},
		Auth:         &Auth{Decorators: []string{"login_required"}},
		Sinks:        []Sink{{Names: []string{"send_mail"}, Entity: "Email"}},
		PasswordValidators: &PasswordValidators{
			Setting: "AUTH_PASSWORD_VALIDATORS", MinLengthDefault: 8,
		},
	}
	ts := &Language{
		ClockCalls:   []string{"Date.now", "time.time"},
		TableKeyword: "",
		Types:        map[string][]string{"String": {"string", "str"}, "Boolean": {"boolean"}},
		Auth:         &Auth{Decorators: []string{"UseGuards"}, CurrentUserNames: []string{"req.user"}},
		Sinks:        []Sink{{Names: []string{"sendMail"}, Entity: "Email"}, {Names: []string{"send_mail"}, Entity: "Email"}},
		PasswordValidators: &PasswordValidators{
			Setting: "other", MinLengthDefault: 12,
		},
	}
	tests := []struct {
		name string
		in   []*Language
		want *Language
	}{
		{"one section is itself", []*Language{py}, py},
		{"union in order, first single value wins", []*Language{py, ts}, &Language{
			ClockCalls:   []string{"datetime.now", "time.time", "Date.now"},
			TableKeyword: "table",
			Types:        map[string][]string{"String": {"str", "string"}, "Integer": {"int"}, "Boolean": {"boolean"}},
			Auth:         &Auth{Decorators: []string{"login_required", "UseGuards"}, CurrentUserNames: []string{"req.user"}},
			Sinks:        []Sink{{Names: []string{"send_mail"}, Entity: "Email"}, {Names: []string{"sendMail"}, Entity: "Email"}},
			PasswordValidators: &PasswordValidators{
				Setting: "AUTH_PASSWORD_VALIDATORS", MinLengthDefault: 8,
			},
		}},
		{"nil sections are skipped", []*Language{nil, ts, nil}, ts},
	}
	for _, tt := range tests {
		got := Merge(tt.in...)
		if d := cmp.Diff(tt.want, got); d != "" {
			t.Errorf("%s: (-want +got)\n%s", tt.name, d)
		}
	}
	if len(py.ClockCalls) != 2 || len(py.Types["String"]) != 1 || len(py.Auth.Decorators) != 1 {
		t.Error("Merge changed a section it read")
	}
}
