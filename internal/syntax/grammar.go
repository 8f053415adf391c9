package syntax

import (
	"fmt"
	"sync"

	sitter "github.com/smacker/go-tree-sitter"
	"github.com/smacker/go-tree-sitter/python"
)

// Kind identifies a node type of one grammar: the tree-sitter public symbol
// id. Comparing kinds is an integer comparison; no strings are built.
type Kind uint16

// KindError is the kind of an ERROR node in every grammar.
const KindError Kind = 0xFFFF

// NoKind is returned by [Grammar.Kind] for a name the grammar does not
// have. No real node has it (symbol 0 is tree-sitter's end-of-input).
const NoKind Kind = 0

// Grammar is one tree-sitter language with its node kinds resolved once.
// It is immutable and safe for concurrent use.
type Grammar struct {
	name   string
	lang   *sitter.Language
	named  map[string]Kind // named node types, e.g. "function_definition"
	tokens map[string]Kind // anonymous node types, e.g. "+" or "not in"
	names  []string        // index: Kind, for diagnostics only
}

// Name is the grammar's identifier, e.g. "python".
func (g *Grammar) Name() string { return g.name }

// Kind returns the kind of the named node type name, or NoKind when the
// grammar has no such type.
func (g *Grammar) Kind(name string) Kind { return g.named[name] }

// Token returns the kind of the anonymous node type text (an operator or
// keyword as written, e.g. "==" or "async"), or NoKind.
func (g *Grammar) Token(text string) Kind { return g.tokens[text] }

// MustKind is Kind for grammar set-up code: it panics when name is not a
// named node type, which is a programming error caught by the language
// package's tests, never a property of the input.
func (g *Grammar) MustKind(name string) Kind {
	k, ok := g.named[name]
	if !ok {
		panic(fmt.Sprintf("syntax: grammar %s has no node type %q", g.name, name))
	}
	return k
}

// MustToken is Token with the panic contract of MustKind.
func (g *Grammar) MustToken(text string) Kind {
	k, ok := g.tokens[text]
	if !ok {
		panic(fmt.Sprintf("syntax: grammar %s has no token %q", g.name, text))
	}
	return k
}

// KindName returns the node type name of k, for diagnostics and opaque
// statements. It does not allocate.
func (g *Grammar) KindName(k Kind) string {
	if k == KindError {
		return "ERROR"
	}
	if int(k) < len(g.names) {
		return g.names[k]
	}
	return "?"
}

func newGrammar(name string, lang *sitter.Language) *Grammar {
	g := &Grammar{
		name:   name,
		lang:   lang,
		named:  map[string]Kind{},
		tokens: map[string]Kind{},
	}
	n := lang.SymbolCount()
	g.names = make([]string, n)
	for i := uint32(0); i < n; i++ {
		s := sitter.Symbol(i)
		sym := lang.SymbolName(s)
		g.names[i] = sym
		// The first symbol with a given name is the public one that
		// ts_node_symbol reports for all its aliases, so later duplicates
		// are skipped.
		switch lang.SymbolType(s) {
		case sitter.SymbolTypeRegular:
			if _, dup := g.named[sym]; !dup {
				g.named[sym] = Kind(i)
			}
		case sitter.SymbolTypeAnonymous:
			if _, dup := g.tokens[sym]; !dup {
				g.tokens[sym] = Kind(i)
			}
		}
	}
	return g
}

var pythonGrammar = sync.OnceValue(func() *Grammar {
	return newGrammar("python", python.GetLanguage())
})

// Python returns the Python grammar.
func Python() *Grammar { return pythonGrammar() }
