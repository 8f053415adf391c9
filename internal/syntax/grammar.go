package syntax

import (
	"fmt"
	"sync"
	"sync/atomic"

	sitter "github.com/smacker/go-tree-sitter"
	"github.com/smacker/go-tree-sitter/javascript"
	"github.com/smacker/go-tree-sitter/python"
	"github.com/smacker/go-tree-sitter/typescript/tsx"
	"github.com/smacker/go-tree-sitter/typescript/typescript"
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
	// canon maps every symbol id to the first id with the same name and
	// namedness. tree-sitter reports a grammar-chosen "public" symbol for
	// aliased duplicates (Python has two "block" symbols) that its C API
	// exposes but the Go binding does not, so kinds are canonicalised here.
	canon []Kind
	// fields maps field names to ids; fieldNames is the reverse.
	fields     map[string]uint16
	fieldNames []string
	// noFields: trees parsed with this grammar carry no field ids (see
	// WithoutFields).
	noFields bool
	// direct says whether trees of this grammar (with or without fields)
	// may be copied by reading tree-sitter's subtrees directly (see
	// copyTree); a pointer, so that copies of the Grammar share it.
	direct *atomic.Int32
	// agreed counts the nodes on which the direct copy agreed with the
	// cursor while direct was unproven.
	agreed *atomic.Int64
}

// WithoutFields returns the grammar for walkers that never ask a node for
// a child by field name: their trees are copied out of tree-sitter without
// field ids, which saves about half of the copy (the field lookup walks
// the parent's field map for every node). [Node.Field] on such a tree
// panics, a programming error the walker's tests catch.
func (g *Grammar) WithoutFields() *Grammar {
	c := *g
	c.noFields = true
	c.direct, c.agreed = new(atomic.Int32), new(atomic.Int64) // without fields, the copies differ
	return &c
}

// fieldName returns the name of field id, or "".
func (g *Grammar) fieldName(id uint16) string {
	if int(id) < len(g.fieldNames) {
		return g.fieldNames[id]
	}
	return ""
}

// canonical maps a symbol id reported by tree-sitter to its Kind.
func (g *Grammar) canonical(sym uint16) Kind {
	if int(sym) < len(g.canon) {
		return g.canon[sym]
	}
	return Kind(sym) // KindError and anything unknown pass through
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
		name:       name,
		lang:       lang,
		named:      map[string]Kind{},
		tokens:     map[string]Kind{},
		fields:     map[string]uint16{},
		fieldNames: []string{""}, // id 0 is no field
		direct:     new(atomic.Int32),
		agreed:     new(atomic.Int64),
	}
	for id := 1; id < 1<<16; id++ {
		f := lang.FieldName(id)
		if f == "" {
			break
		}
		g.fields[f] = uint16(id)
		g.fieldNames = append(g.fieldNames, f)
	}
	n := lang.SymbolCount()
	g.names = make([]string, n)
	g.canon = make([]Kind, n)
	for i := uint32(0); i < n; i++ {
		s := sitter.Symbol(i)
		sym := lang.SymbolName(s)
		g.names[i] = sym
		g.canon[i] = Kind(i)
		var byName map[string]Kind
		switch lang.SymbolType(s) {
		case sitter.SymbolTypeRegular:
			byName = g.named
		case sitter.SymbolTypeAnonymous:
			byName = g.tokens
		default:
			continue
		}
		if first, dup := byName[sym]; dup {
			g.canon[i] = first
		} else {
			byName[sym] = Kind(i)
		}
	}
	return g
}

var pythonGrammar = sync.OnceValue(func() *Grammar {
	return newGrammar("python", python.GetLanguage())
})

// Python returns the Python grammar.
func Python() *Grammar { return pythonGrammar() }

// The TypeScript family has three grammars because no one of them reads
// all three languages exactly: the TypeScript grammar rejects JSX, the TSX
// grammar rejects `<T>value` type assertions, and plain JavaScript read by
// either misreads `a < b > (c)` as a generic call. The TypeScript grammars
// extend the JavaScript one, so shared constructs have the same node type
// names in all three and one walker serves them all.

var (
	typeScriptGrammar = sync.OnceValue(func() *Grammar {
		return newGrammar("typescript", typescript.GetLanguage())
	})
	tsxGrammar = sync.OnceValue(func() *Grammar {
		return newGrammar("tsx", tsx.GetLanguage())
	})
	javaScriptGrammar = sync.OnceValue(func() *Grammar {
		return newGrammar("javascript", javascript.GetLanguage())
	})
)

// TypeScript returns the TypeScript grammar (.ts, .mts, .cts).
func TypeScript() *Grammar { return typeScriptGrammar() }

// TSX returns the TypeScript grammar with JSX (.tsx).
func TSX() *Grammar { return tsxGrammar() }

// JavaScript returns the JavaScript grammar, JSX included (.js, .jsx,
// .mjs, .cjs).
func JavaScript() *Grammar { return javaScriptGrammar() }
