package distill

import (
	"context"
	"testing"

	"github.com/distill/distill/internal/facts"
	"github.com/distill/distill/internal/source"
)

// TestTestFilesOutlined: a file of its language's test_files is read for
// its declarations only (a settings module under tests/ still holds
// settings, a test model's fields are still there), and none of its
// function bodies is kept, in either language; a file of the service
// keeps its bodies.
func TestTestFilesOutlined(t *testing.T) {
	t.Parallel()
	files := []source.File{
		{Path: "app/views.py", Data: []byte("def login(request):\n    user = authenticate(request)\n    return user\n")},
		{Path: "tests/test_views.py", Data: []byte("TIMEOUT = 5\n\ndef test_login(client):\n    client.post('/login')\n\nclass LoginTest:\n    fixtures = ['users']\n\n    def test_logout(self):\n        self.client.post('/logout')\n")},
		{Path: "web/users.ts", Data: []byte("export function signup(email: string) { return create(email) }\n")},
		{Path: "web/users.spec.ts", Data: []byte("describe('users', () => { it('signs up', () => { signup('a@b.c') }) })\nexport function fixture() { return 1 }\n")},
	}
	d := New(Options{Workers: 2})
	defer d.Close()
	in := Input{Service: "svc", Files: files}
	todo, _, err := d.plan(in)
	if err != nil {
		t.Fatal(err)
	}
	got, err := d.extract(context.Background(), todo, in, &Output{})
	if err != nil {
		t.Fatal(err)
	}
	byPath := map[string]*facts.File{}
	for _, f := range got {
		byPath[f.Path] = f
	}
	tests := []struct {
		name  string
		path  string
		check func(f *facts.File) bool
	}{
		{"service module keeps its body", "app/views.py", func(f *facts.File) bool { return f.Functions[0].Body() != nil }},
		{"test function body left out", "tests/test_views.py", func(f *facts.File) bool { return f.Functions[0].Name == "test_login" && f.Functions[0].Body() == nil }},
		{"test method body left out", "tests/test_views.py", func(f *facts.File) bool { return f.Classes[0].Methods[0].Body() == nil }},
		{"test constant kept", "tests/test_views.py", func(f *facts.File) bool { return len(f.Constants) == 1 && f.Constants[0].Name == "TIMEOUT" }},
		{"test class field kept", "tests/test_views.py", func(f *facts.File) bool { return len(f.Classes[0].Fields) == 1 }},
		{"typescript module keeps its body", "web/users.ts", func(f *facts.File) bool { return f.Functions[0].Body() != nil }},
		{"spec function body left out", "web/users.spec.ts", func(f *facts.File) bool { return f.Functions[0].Body() == nil }},
		{"spec callback body left out", "web/users.spec.ts", func(f *facts.File) bool {
			call := f.Statements[0].Value
			return call != nil && call.Kind == facts.ExprCall && len(call.Args()) == 2 &&
				call.Args()[1].Func() != nil && call.Args()[1].Func().Body() == nil
		}},
	}
	for _, tt := range tests {
		f := byPath[tt.path]
		if f == nil {
			t.Errorf("%s: %s not extracted", tt.name, tt.path)
			continue
		}
		if !tt.check(f) {
			t.Errorf("%s: %s does not hold", tt.name, tt.path)
		}
	}
}
