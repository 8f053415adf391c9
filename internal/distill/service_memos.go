package distill

import (
	"path"
	"slices"

	"github.com/distill/distill/internal/facts"
)

// serviceMemos holds what the walk asks of the whole service again and
// again (for each rule, each route's middleware, each assignment): each
// is found by one scan of the service's files, the first time it is
// asked, as authStrategy finds each strategy once.
type serviceMemos struct {
	// strategyFunctions: the functions of the catalog's strategy files
	// (auth.strategy_files), in file order; strategyFunctionsFound says
	// they were looked for.
	strategyFunctions      []fileFunction
	strategyFunctionsFound bool
	// decorations: the calls decorating the application (route_tables
	// decorators: f.decorate("authenticate", fn)), by the name they
	// decorate it under, in file order; nil until they are looked for.
	decorations map[string][]fileExpr
	// destructurings: by file, its functions' assignments taking entries
	// out of an object by name (const { authenticate } = f, const { auth }
	// = f.controllers), in the order the functions are walked.
	destructurings map[*facts.File][]*facts.Stmt
	// tokenEncoders: whether a function encodes a token in its own body
	// (encodesToken), by function.
	tokenEncoders map[*facts.Function]bool
	// providers: the classes the modules' custom providers bind their
	// tokens to (custom_providers.go), nil until looked for;
	// providerAliases: tokens provided as another token (useExisting:
	// IUserRepository).
	providers       map[string]*classRef
	providerAliases map[string]string
	// rowMappers: whether a method called on its class is a row mapper
	// (row_mappers.go), by method.
	rowMappers map[*facts.Function]bool
	// signedKeys: what each entry key of the service's signed payload
	// literals holds (signed_keys.go); signedKeysFound says they were read.
	signedKeys      map[string]seenSignedKey
	signedKeysFound bool
	// encodeSites: the service's JWT encoder calls and what each payload
	// carries (token_subjects.go); encodeSitesFound says they were read.
	encodeSites      []encodeSite
	encodeSitesFound bool
	// viewsetRoutes: how the URLs route each viewset class
	// (model_viewsets.go viewsetRouting); nil until read.
	viewsetRoutes map[*facts.Class]*viewsetRoute
}

// fileFunction is a function and the file it is written in.
type fileFunction struct {
	file *facts.File
	fn   *facts.Function
}

// fileExpr is an expression and the file it is written in.
type fileExpr struct {
	file *facts.File
	x    *facts.Expr
}

// strategyFileFunctions are the functions the catalog's strategy files
// sign the request's user in by (strategy_files.go).
func (b *builder) strategyFileFunctions() []fileFunction {
	m := &b.memos
	if m.strategyFunctionsFound {
		return m.strategyFunctions
	}
	m.strategyFunctionsFound = true
	st := b.lang.Auth.StrategyFiles
	if st == nil {
		return nil
	}
	for _, f := range b.ix.files {
		if !slices.Contains(st.Dirs, path.Base(path.Dir(f.Path))) {
			continue
		}
		for i := range f.Functions {
			if fn := &f.Functions[i]; slices.Contains(st.Functions, fn.Name) {
				m.strategyFunctions = append(m.strategyFunctions, fileFunction{file: f, fn: fn})
			}
		}
	}
	return m.strategyFunctions
}

// decorationCalls are the calls that decorate the application under name
// (f.decorate(name, ...)), in file order.
func (b *builder) decorationCalls(name string) []fileExpr {
	m := &b.memos
	if m.decorations == nil {
		m.decorations = map[string][]fileExpr{}
		rt := b.lang.RouteTables
		for _, f := range b.ix.files {
			b.eachCall(f, func(x *facts.Expr) {
				if rt != nil && x.Kind == facts.ExprCall && slices.Contains(rt.Decorators, x.Method()) &&
					len(x.Args()) > 0 && x.Args()[0].Kind == facts.ExprString {
					key := x.Args()[0].Value()
					m.decorations[key] = append(m.decorations[key], fileExpr{file: f, x: x})
				}
			})
		}
	}
	return m.decorations[name]
}

// destructuringsOf are the assignments of f's functions that take entries
// out of an object (const { a, b } = x), in the order they are walked.
func (b *builder) destructuringsOf(f *facts.File) []*facts.Stmt {
	m := &b.memos
	if list, ok := m.destructurings[f]; ok {
		return list
	}
	var list []*facts.Stmt
	visitFile(f, nil, func(fn *facts.Function) {
		facts.Walk(fn.Body(), func(s *facts.Stmt) bool {
			if s.Kind == facts.StmtAssign && s.Value != nil && len(s.Targets) == 1 && s.Targets[0].Kind == facts.ExprDict {
				list = append(list, s)
			}
			return true
		})
	})
	if m.destructurings == nil {
		m.destructurings = map[*facts.File][]*facts.Stmt{}
	}
	m.destructurings[f] = list
	return list
}
