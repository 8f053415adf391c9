package lang

import (
	"context"
	"path"
	"slices"
	"strings"

	"github.com/distill/distill/internal/facts"
	"github.com/distill/distill/internal/lang/python"
	"github.com/distill/distill/internal/lang/typescript"
	"github.com/distill/distill/internal/syntax"
)

// Source is one file of a service: its slash-separated path relative to
// the service root and its UTF-8 content.
type Source = facts.Source

// Language extracts facts from the files of one programming language.
// Implementations are stateless and safe for concurrent use; the Parser
// passed in belongs to the calling goroutine.
type Language interface {
	// ID is a short stable identifier, e.g. "python".
	ID() string
	// Extensions lists the file extensions handled, with the dot (".py").
	Extensions() []string
	// Extract parses file and returns its facts. Syntax errors are not
	// errors: the facts of what parsed come back with the counts in
	// Stats. The error is for a cancelled context, a parse timeout or an
	// internal failure, and names the file.
	Extract(ctx context.Context, p *syntax.Parser, file Source) (*facts.File, error)
}

// Registry maps file extensions to languages.
type Registry struct {
	languages []Language
	byExt     map[string]Language
}

// NewRegistry returns a registry of the given languages. When two claim
// the same extension the first one wins.
func NewRegistry(languages ...Language) *Registry {
	r := &Registry{byExt: map[string]Language{}}
	for _, l := range languages {
		r.languages = append(r.languages, l)
		for _, ext := range l.Extensions() {
			ext = strings.ToLower(ext)
			if _, taken := r.byExt[ext]; !taken {
				r.byExt[ext] = l
			}
		}
	}
	return r
}

// Default returns the registry of every supported language.
func Default() *Registry {
	return NewRegistry(python.New(), typescript.New())
}

// Languages returns the registered languages in registration order.
func (r *Registry) Languages() []Language { return slices.Clone(r.languages) }

// ForPath returns the language of a file by its extension (case
// insensitive), or nil when no registered language handles it.
func (r *Registry) ForPath(p string) Language {
	return r.byExt[strings.ToLower(path.Ext(p))]
}

// ByID returns the language with the given ID, or nil.
func (r *Registry) ByID(id string) Language {
	for _, l := range r.languages {
		if l.ID() == id {
			return l
		}
	}
	return nil
}
