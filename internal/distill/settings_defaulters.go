package distill

import (
	"slices"

	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// settingsDefaulterCalls records the defaults a service gives its
// settings through a function of its own that sets a key unless it is set
// (warehouse's config.py:242-249):
//
//	def maybe_set(settings, name, envvar, coercer=None, default=None):
//	    if envvar in os.environ: ...
//	    elif default is not None:
//	        settings.setdefault(name, default)
//
//	maybe_set(settings, "terms.revision", "TERMS_REVISION", default="initial")
//
// Each call with a literal key and a literal default is a candidate
// config parameter of that key (terms_revision: String = "initial"),
// which a read of the key (request.registry.settings.get("terms.revision"))
// then uses. A call giving no default declares nothing.
func (b *builder) settingsDefaulterCalls() {
	if len(b.lang.SettingsDefaulters) == 0 {
		return
	}
	// The calls of each file that call a function of the service are
	// found on the workers, each file's into a list of its own; what the
	// functions are and what the calls give is read after, in file order.
	type defaulterCall struct {
		call *facts.Expr
		fr   *funcRef
	}
	files := b.ix.files
	found := make([][]defaulterCall, len(files))
	b.runParallel(len(files), func(i int, ix *index) {
		f := files[i]
		if b.testFile(f.Path) {
			return
		}
		visit := func(s *facts.Stmt) bool {
			if s.Kind != facts.StmtExpr || s.Value == nil || s.Value.Kind != facts.ExprCall {
				return true
			}
			if fr := ix.function(f, s.Value); fr != nil && fr.fn != nil {
				found[i] = append(found[i], defaulterCall{s.Value, fr})
			}
			return true
		}
		facts.Walk(f.Statements, visit)
		for i := range f.Functions {
			facts.Walk(f.Functions[i].Body(), visit)
		}
	})
	memo := map[*facts.Function]*defaulterParams{}
	for i, calls := range found {
		f := files[i]
		for _, c := range calls {
			call, fr := c.call, c.fr
			dp, seen := memo[fr.fn]
			if !seen {
				dp = b.defaulter(fr.fn)
				memo[fr.fn] = dp
			}
			if dp == nil {
				continue
			}
			key := callArgAt(call, dp.key, fr.fn.Params[dp.key].Name)
			def := callArgAt(call, dp.def, fr.fn.Params[dp.def].Name)
			if key == nil || key.Kind != facts.ExprString || def == nil || !def.IsLiteral() || def.Kind == facts.ExprNone {
				continue
			}
			if b.defaultedSettings == nil {
				b.defaultedSettings = map[string]defaultedSetting{}
			}
			if _, ok := b.defaultedSettings[key.Value()]; !ok {
				b.defaultedSettings[key.Value()] = defaultedSetting{value: def, file: f, line: call.Line()}
			}
			b.addConfig(f, key.Value(), def, nil, call.Line())
		}
	}
}

// defaultedSetting is the literal default one call of a setdefault
// wrapper gives a setting, where it gives it.
type defaultedSetting struct {
	value *facts.Expr
	file  *facts.File
	line  int
}

// defaulterParams are the positions of the key and the default among a
// defaulter function's parameters.
type defaulterParams struct{ key, def int }

// defaulter reports whether fn passes two of its parameters to a
// catalogued defaulter (settings.setdefault(name, default)), and which.
func (b *builder) defaulter(fn *facts.Function) *defaulterParams {
	param := func(e *facts.Expr) int {
		if e == nil || e.Kind != facts.ExprName {
			return -1
		}
		return slices.IndexFunc(fn.Params, func(p facts.Param) bool { return p.Name == e.Name() })
	}
	var found *defaulterParams
	facts.Walk(fn.Body(), func(s *facts.Stmt) bool {
		if found != nil {
			return false
		}
		if s.Kind != facts.StmtExpr || s.Value == nil || s.Value.Kind != facts.ExprCall || len(s.Value.Args()) != 2 ||
			!catalog.Match(b.lang.SettingsDefaulters, s.Value.Method()) {
			return true
		}
		k, d := param(&s.Value.Args()[0]), param(&s.Value.Args()[1])
		if k >= 0 && d >= 0 && k != d {
			found = &defaulterParams{key: k, def: d}
		}
		return true
	})
	return found
}

// callArgAt is the argument a call gives the parameter at position i
// named name: by keyword, else by position; nil when it gives none.
func callArgAt(call *facts.Expr, i int, name string) *facts.Expr {
	if kw := call.Keyword(name); kw != nil {
		return kw
	}
	if i < len(call.Args()) && call.Args()[i].Kind != facts.ExprStarred {
		return &call.Args()[i]
	}
	return nil
}
