package distill

import (
	"strings"
	"testing"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/facts"
)

// TestStartStatuses: a creation keeps a status it gives as one of the
// entity's declared values, or as anything but a bare name; a bare name
// that is none of the values (the request's input) is left out, noted.
func TestStartStatuses(t *testing.T) {
	mk := func(arg allium.Arg) *allium.Module {
		return &allium.Module{
			Entities: []*allium.Entity{{Name: "Module", Members: []allium.EntityMember{
				&allium.Field{Name: "name", Type: &allium.Type{Name: "String"}},
				&allium.Field{Name: "status", Type: &allium.Type{Enum: []allium.EnumValue{{Name: "planned"}, {Name: "done"}}}},
				&allium.Field{Name: "state", Type: &allium.Type{Enum: []allium.EnumValue{{Name: "on"}, {Name: "off"}}}},
			}}},
			Rules: []*allium.Rule{{Name: "Make", Body: []allium.Stmt{&allium.Ensures{Body: []allium.Stmt{
				&allium.ExprStmt{Meta: allium.Meta{Prov: &allium.Provenance{File: "app/views.py", Line: 7}}, X: &allium.Call{
					Fun:  &allium.Member{X: &allium.Ident{Name: "Module"}, Name: "created"},
					Args: []allium.Arg{{Name: "name", Value: &allium.Ident{Name: "name"}}, arg}}},
			}}}}},
		}
	}
	tests := []struct {
		name string
		arg  allium.Arg
		kept bool
	}{
		{"a bare name none of the values: the input", allium.Arg{Name: "status", Value: &allium.Ident{Name: "status"}}, false},
		{"a declared value", allium.Arg{Name: "status", Value: &allium.Ident{Name: "planned"}}, true},
		{"another row's status", allium.Arg{Name: "status", Value: &allium.Member{X: &allium.Ident{Name: "other"}, Name: "status"}}, true},
		{"an inline enum field not named status", allium.Arg{Name: "state", Value: &allium.Ident{Name: "state"}}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := mk(tt.arg)
			b := &builder{notes: map[string]bool{}, stats: &Stats{}}
			startStatuses(m, b)
			call := m.Rules[0].Body[0].(*allium.Ensures).Body[0].(*allium.ExprStmt).X.(*allium.Call)
			if kept := len(call.Args) == 2; kept != tt.kept {
				t.Fatalf("argument kept = %v, want %v: %s", kept, tt.kept, allium.PrintConstruct(m.Rules[0]))
			}
			notes := b.sortedNotes()
			if tt.kept != (len(notes) == 0) || !tt.kept && !strings.HasPrefix(notes[0], "app/views.py:7: Module.created: the status given (status) left out") {
				t.Errorf("notes %q", notes)
			}
		})
	}
}

// TestLoopsOfLookupsOnly: a loop over rows whose body the spec can state
// only as lookups (a task per row that sends what the spec cannot read)
// states no loop; one that changes each row does.
func TestLoopsOfLookupsOnly(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	files := func(body string) map[string]string {
		return map[string]string{
			"hooks/models.py": `
from django.db import models
class Hook(models.Model):
    url = models.CharField(max_length=200)
    active = models.BooleanField(default=True)
class Event(models.Model):
    name = models.CharField(max_length=50)
`,
			"hooks/views.py": `
from rest_framework.decorators import api_view
from rest_framework.response import Response
from hooks.models import Hook, Event
from hooks.sender import post_json
def send_one(hook_id, slug):
    hook = Hook.objects.get(id=hook_id, url=slug)
    post_json(hook.url, {})
@api_view(["POST"])
def fire(request):
    Event.objects.create(name=request.data["name"])
    for hook in Hook.objects.filter(active=True):
` + body + `
    return Response(status=204)
`,
		}
	}
	tests := []struct {
		name, body string
		loop       bool
	}{
		{"a helper per row that looks the row up and calls what the spec cannot read", "        send_one(hook.id, request.data[\"slug\"])", false},
		{"a change per row", "        hook.active = False\n        hook.save()", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, files(tt.body))
			got := construct(out.Module, "Fire")
			if !strings.Contains(got, "Event.created(name: name)") {
				t.Fatalf("Fire lacks its creation:\n%s", got)
			}
			if loop := strings.Contains(got, "for hook in"); loop != tt.loop {
				t.Errorf("loop stated = %v, want %v:\n%s", loop, tt.loop, got)
			}
		})
	}
}

// TestConfigWithoutFile: a config parameter no file of the service
// declares (a framework's default) is assembled with the others, first,
// and a second value of it is noted without a file, not a crash.
func TestConfigWithoutFile(t *testing.T) {
	f := &facts.File{Path: "app/settings.py"}
	num := func(s string) allium.Expr { return &allium.Lit{Kind: allium.LitNumber, Text: s} }
	b := &builder{notes: map[string]bool{}, stats: &Stats{}}
	b.usedConfig = []*configInfo{
		{name: "timeout", typ: "Integer", value: num("3"), file: f, line: 4, enforced: true},
		{name: "reset_timeout", typ: "Integer", value: num("259200"), enforced: true},
		{name: "timeout", typ: "Integer", value: num("5"), line: 9, enforced: true},
	}
	m := &allium.Module{}
	b.assembleConfig(m)
	var names []string
	for _, c := range m.Config {
		names = append(names, c.Name)
	}
	if got := strings.Join(names, " "); got != "reset_timeout timeout" {
		t.Errorf("config %q, want those without a file first", got)
	}
	if notes := b.sortedNotes(); len(notes) != 1 || notes[0] != "app/settings.py:4: config timeout has a second value here; the spec keeps the one at :9" {
		t.Errorf("notes %q", notes)
	}
}
