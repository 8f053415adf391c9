package catalog

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDefaultLoads(t *testing.T) {
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	py := c.Language("python")
	if py == nil {
		t.Fatal("no python section")
	}
	if !Match(py.ModelBases, "app.extensions.db.Model") {
		t.Error("db.Model not a model base")
	}
	if got := py.TypeOf("sqlalchemy.DateTime"); got != "Timestamp" {
		t.Errorf("TypeOf(DateTime) = %q", got)
	}
	if s := py.SinkFor("app.extensions.mail.send"); s == nil || s.Entity != "Email" {
		t.Errorf("mail.send sink = %+v", s)
	}
	if len(c.Digest()) != 64 {
		t.Errorf("digest %q", c.Digest())
	}
}

func TestMatch(t *testing.T) {
	tests := []struct {
		pattern, name string
		want          bool
	}{
		{"db.Model", "db.Model", true},
		{"db.Model", "app.db.Model", true},
		{"db.Model", "appdb.Model", false},
		{"Model", "django.db.models.Model", true},
		{"Column", "Columns", false},
		{"Column", "", false},
	}
	for _, tt := range tests {
		if got := Match([]string{tt.pattern}, tt.name); got != tt.want {
			t.Errorf("Match(%q, %q) = %v", tt.pattern, tt.name, got)
		}
	}
}

func TestLoadOverlay(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "p.yaml")
	if err := os.WriteFile(p, []byte("version: 1\nlanguages:\n  python:\n    clock_calls: [my.clock]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	py := c.Language("python")
	if !Match(py.ClockCalls, "my.clock") || Match(py.ClockCalls, "datetime.utcnow") {
		t.Errorf("clock calls not replaced: %v", py.ClockCalls)
	}
	if !Match(py.ModelBases, "db.Model") {
		t.Error("model bases lost by overlay")
	}
	def, _ := Default()
	if c.Digest() == def.Digest() {
		t.Error("digest unchanged by overlay")
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"unknown field", "version: 1\nlanguages:\n  python:\n    clok_calls: [x]\n", "p.yaml:4: field clok_calls not found"},
		{"bad syntax", "version: 1\nlanguages:\n  python: [\n", "p.yaml:"},
		{"wrong type", "version: 1\nlanguages:\n  python:\n    clock_calls: 3\n", "p.yaml:4:"},
		{"bad version", "version: 7\nlanguages:\n  python: {}\n", "version 7"},
		{"sink without entity", "version: 1\nlanguages:\n  python:\n    sinks: [{names: [x]}]\n", "sink 1"},
		{"filter operator not a comparison", "version: 1\nlanguages:\n  python:\n    filter_operators: {lt: \"<<\"}\n", `lt maps to "<<"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "p.yaml")
			if err := os.WriteFile(p, []byte(tt.text), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := Load(p)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want containing %q", err, tt.want)
			}
		})
	}
}

// TestNormaliserFor: a normalising call is found by its name or a dotted
// name ending in it, and gives the function the spec writes for it.
func TestNormaliserFor(t *testing.T) {
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		lang  string
		names []string
		spec  string
		found bool
	}{
		{"python", []string{"normalize_email"}, "lowercase_domain", true},
		{"python", []string{"", "UserManager.normalize_email"}, "lowercase_domain", true},
		{"python", []string{"normalize_username"}, "nfkc", true},
		{"python", []string{"renormalize_email"}, "", false},
		{"typescript", []string{"normalizeEmail"}, "lowercase", true},
		{"typescript", []string{"validator.normalizeEmail"}, "lowercase", true},
		{"typescript", []string{"normalize_email"}, "", false},
		{"python", []string{"upper"}, "uppercase", true},
		{"typescript", []string{"toUpperCase"}, "uppercase", true},
	}
	for _, tt := range tests {
		n, ok := c.Language(tt.lang).NormaliserFor(tt.names...)
		if ok != tt.found || n.Spec != tt.spec {
			t.Errorf("%s NormaliserFor(%q) = %+v, %v; want spec %q, %v", tt.lang, tt.names, n, ok, tt.spec, tt.found)
		}
	}
}

// TestNormaliserCallsListForm: an override written in the list form of
// catalogs older than spec names still loads; its names are normalisers
// with no spec function (what they flow into is left out), and a map
// entry keeps its spec name.
func TestNormaliserCallsListForm(t *testing.T) {
	tests := []struct {
		name, calls, call, spec string
	}{
		{"list form", "[my_normalize, canon]", "canon", ""},
		{"map form", "{canon: {spec: lowercase}}", "canon", "lowercase"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "p.yaml")
			text := "version: 1\nlanguages:\n  python:\n    normaliser_calls: " + tt.calls + "\n"
			if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
			c, err := Load(p)
			if err != nil {
				t.Fatal(err)
			}
			n, ok := c.Language("python").NormaliserFor(tt.call)
			if !ok || n.Spec != tt.spec {
				t.Errorf("NormaliserFor(%q) = %+v, %v; want spec %q, true", tt.call, n, ok, tt.spec)
			}
		})
	}
}
