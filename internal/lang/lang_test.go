package lang

import (
	"context"
	"testing"

	"github.com/distill/distill/internal/facts"
	"github.com/distill/distill/internal/lang/python"
	"github.com/distill/distill/internal/lang/typescript"
	"github.com/distill/distill/internal/syntax"
)

var (
	_ Language = (*python.Python)(nil)
	_ Language = (*typescript.TypeScript)(nil)
)

func TestDefaultRegistryDetectsByExtension(t *testing.T) {
	t.Parallel()
	r := Default()
	tests := []struct {
		path string
		want string // "" for no language
	}{
		{"app/models.py", "python"},
		{"APP/MAIN.PY", "python"},
		{"web/index.ts", "typescript"},
		{"web/App.TSX", "typescript"},
		{"server/app.js", "typescript"},
		{"server/app.cjs", "typescript"},
		{"README.md", ""},
		{"Makefile", ""},
		{"weird.py.txt", ""},
	}
	for _, tt := range tests {
		got := ""
		if l := r.ForPath(tt.path); l != nil {
			got = l.ID()
		}
		if got != tt.want {
			t.Errorf("ForPath(%q) = %q, want %q", tt.path, got, tt.want)
		}
	}
	if r.ByID("python") == nil || r.ByID("typescript") == nil || r.ByID("cobol") != nil {
		t.Error("ByID")
	}
	if ls := r.Languages(); len(ls) != 2 || ls[0].ID() != "python" || ls[1].ID() != "typescript" {
		t.Errorf("Languages() = %v", ls)
	}
}

// fakeLanguage claims an extension already taken, to check precedence.
type fakeLanguage struct{ id string }

func (f fakeLanguage) ID() string           { return f.id }
func (f fakeLanguage) Extensions() []string { return []string{".py", ".x"} }
func (f fakeLanguage) Extract(context.Context, *syntax.Parser, facts.Source) (*facts.File, error) {
	return &facts.File{Language: f.id}, nil
}

func TestRegistryFirstLanguageWins(t *testing.T) {
	t.Parallel()
	r := NewRegistry(python.New(), fakeLanguage{id: "fake"})
	if got := r.ForPath("a.py").ID(); got != "python" {
		t.Errorf(".py went to %q", got)
	}
	if got := r.ForPath("a.x").ID(); got != "fake" {
		t.Errorf(".x went to %q", got)
	}
}

func TestExtractThroughRegistry(t *testing.T) {
	t.Parallel()
	p := syntax.NewParser(0)
	defer p.Close()
	src := Source{Path: "svc/app.py", Data: []byte("from flask import Flask\napp = Flask(__name__)\n")}
	f, err := Default().ForPath(src.Path).Extract(context.Background(), p, src)
	if err != nil {
		t.Fatal(err)
	}
	if f.Language != "python" || f.Module != "svc.app" || len(f.Constants) != 1 || f.Constants[0].Value.Callee() != "flask.Flask" {
		t.Errorf("facts = %+v", f)
	}
}
