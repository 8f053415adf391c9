package syntax

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	sitter "github.com/smacker/go-tree-sitter"
)

// DefaultTimeout bounds the parse of one file when the Parser was built
// without an explicit timeout.
const DefaultTimeout = 10 * time.Second

// maxErrorPositions bounds how many syntax-error positions are recorded
// per file; the count is always exact.
const maxErrorPositions = 16

// ErrTimeout is returned when one file takes longer than the per-file
// timeout to parse.
var ErrTimeout = errors.New("parse timed out")

// ErrClosed is returned when a closed Parser is used.
var ErrClosed = errors.New("parser is closed")

// Position is a 1-based line and byte column in a source file.
type Position struct {
	Line   int `json:"line"`
	Column int `json:"column"`
}

// Diagnostics describes the syntax errors tree-sitter recovered from.
// A file with errors still yields a tree; what parsed is walked as usual.
type Diagnostics struct {
	// ErrorNodes counts ERROR nodes (input the grammar could not place).
	ErrorNodes int
	// MissingNodes counts tokens the parser inserted to recover.
	MissingNodes int
	// Positions holds the start of the first few error and missing
	// nodes, in source order.
	Positions []Position
}

// Parser parses source files, holding one tree-sitter parser per grammar.
// It is owned by one goroutine at a time.
type Parser struct {
	timeout time.Duration
	parsers map[*Grammar]*sitter.Parser
	closed  bool
	// tree is the flattened tree of the file being walked; its memory
	// is reused from file to file.
	tree tree
}

// NewParser returns a Parser whose parses are bounded by timeout per file
// (DefaultTimeout when timeout <= 0). Close it when done.
func NewParser(timeout time.Duration) *Parser {
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	return &Parser{timeout: timeout, parsers: map[*Grammar]*sitter.Parser{}}
}

// Close frees the tree-sitter parsers and the copy of the last tree. The
// Parser must not be used after.
func (p *Parser) Close() {
	for _, sp := range p.parsers {
		sp.Close()
	}
	p.parsers = nil
	p.tree.freeNodes()
	p.closed = true
}

// Parse parses src with grammar g and calls walk with the root node. The
// tree's memory is reused when Parse returns, so walk must copy out
// everything it needs (see [Node]). A nil walk only parses: the tree is
// closed at once and the Diagnostics are empty (bare parsing, the floor
// that benchmarks measure extraction against). The error is ctx's error when ctx ends during the
// parse, ErrTimeout when the per-file timeout is exceeded, or walk's error.
// Diagnostics are valid whenever walk ran.
func (p *Parser) Parse(ctx context.Context, g *Grammar, src []byte, walk func(root Node) error) (Diagnostics, error) {
	if p.closed {
		return Diagnostics{}, ErrClosed
	}
	if err := ctx.Err(); err != nil {
		return Diagnostics{}, err
	}
	sp := p.parsers[g]
	if sp == nil {
		sp = sitter.NewParser()
		sp.SetLanguage(g.lang)
		p.parsers[g] = sp
	}
	// tree-sitter's own clock bounds the parse; the context only cancels.
	sp.SetOperationLimit(int(p.timeout / time.Microsecond))
	// go-tree-sitter watches the context it is given from a goroutine that
	// may run after the parse has returned; seeing the context cancelled
	// then, it sets the parser's cancellation flag and every later parse
	// halts at once. So the parse gets a context of its own that is
	// cancelled only while ctx's cancellation is forwarded, and a parser
	// whose forwarding fired is never used again.
	pctx := newParseContext()
	stop := context.AfterFunc(ctx, pctx.cancel)
	tree, err := sp.ParseCtx(pctx, nil, src)
	if !stop() {
		sp.Close()
		delete(p.parsers, g)
		if err == nil {
			tree.Close()
		}
		if ctxErr := ctx.Err(); ctxErr != nil {
			return Diagnostics{}, ctxErr
		}
	}
	if err != nil {
		// A halted parse keeps its state to resume; the next file must
		// start from scratch.
		sp.Reset()
		if errors.Is(err, sitter.ErrOperationLimit) {
			return Diagnostics{}, fmt.Errorf("%w after %s", ErrTimeout, p.timeout)
		}
		return Diagnostics{}, err
	}
	if walk == nil {
		tree.Close()
		return Diagnostics{}, nil
	}
	// The tree is copied out of tree-sitter in one call into C and closed at
	// once: the walk reads the copy, and only one tree-sitter tree per
	// worker is alive, for the time it takes to copy it.
	// The walk's Nodes name the tree by a slot taken for the walk alone.
	if err := p.tree.register(); err != nil {
		tree.Close()
		return Diagnostics{}, err
	}
	err = p.tree.load(tree.RootNode(), g, src)
	tree.Close()
	defer func() {
		p.tree.unregister()
		p.tree.release()
	}()
	if err != nil {
		return Diagnostics{}, err
	}
	rootNode := p.tree.root()

	var diag Diagnostics
	if rootNode.HasError() {
		collectErrors(rootNode, &diag)
	}
	if err := walk(rootNode); err != nil {
		return diag, err
	}
	return diag, nil
}

// collectErrors descends only into subtrees that contain an error. The
// recursion depth is bounded by an explicit stack.
func collectErrors(root Node, diag *Diagnostics) {
	stack := []Node{root}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		isErr, isMissing := n.IsError(), n.IsMissing()
		if isErr {
			diag.ErrorNodes++
		}
		if isMissing {
			diag.MissingNodes++
		}
		if (isErr || isMissing) && len(diag.Positions) < maxErrorPositions {
			diag.Positions = append(diag.Positions, Position{Line: n.Line(), Column: n.Column()})
		}
		if isMissing || !n.HasError() {
			continue
		}
		children := n.Children()
		for i := len(children) - 1; i >= 0; i-- {
			if children[i].HasError() || children[i].IsMissing() {
				stack = append(stack, children[i])
			}
		}
	}
}

// parseContext is a context that is never cancelled except by its cancel
// method, so that go-tree-sitter's watcher sees a cancellation only when
// distill forwards one.
type parseContext struct {
	context.Context
	done chan struct{}
	once sync.Once
}

func newParseContext() *parseContext {
	return &parseContext{Context: context.Background(), done: make(chan struct{})}
}

func (c *parseContext) cancel() { c.once.Do(func() { close(c.done) }) }

// Done implements context.Context.
func (c *parseContext) Done() <-chan struct{} { return c.done }

// Err implements context.Context.
func (c *parseContext) Err() error {
	select {
	case <-c.done:
		return context.Canceled
	default:
		return nil
	}
}
