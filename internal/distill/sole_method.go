package distill

import (
	"sort"
	"unicode"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// soleMethod finds the one class of the service, neither a model nor a
// request shape, that defines a method called name: a call of it on an
// object the walk cannot type (a plugin instance fetched from a registry,
// mfa_plugin.instance.validate_mfa_token(...)) can only be that method.
// nil when no class or more than one defines it.
func (b *builder) soleMethod(name string) *funcRef {
	if b.soleMethods == nil {
		b.soleMethods = map[string][]*funcRef{}
		quals := make([]string, 0, len(b.ix.classes))
		for q := range b.ix.classes {
			quals = append(quals, q)
		}
		sort.Strings(quals)
		for _, q := range quals {
			cr := b.ix.classes[q]
			if b.testFile(cr.file.Path) || b.entByQual[q] != nil || b.shapes[q] != nil {
				continue
			}
			for i := range cr.class.Methods {
				m := &cr.class.Methods[i]
				b.soleMethods[m.Name] = append(b.soleMethods[m.Name], &funcRef{file: cr.file, fn: m, class: cr.class})
			}
		}
	}
	if frs := b.soleMethods[name]; len(frs) == 1 {
		return frs[0]
	}
	return nil
}

// namedMethod finds, among the classes of the service that define a
// method called name, the one the receiver is named after: an instance
// is commonly held under its class's name in lower camel or snake case
// (Parse Server's config.userController is a UserController, whose
// verifyEmail is not PublicAPIRouter's verifyEmail; user_controller
// would name it too). A receiver written like a class (CTFd's
// EmailProvider = PROVIDERS.get(provider)) holds one of several classes,
// not an instance of the one so named. nil when no class or more than
// one fits.
func (b *builder) namedMethod(name, recvName string) *funcRef {
	if fr := b.soleMethod(name); fr != nil {
		return fr
	}
	if recvName == "" || !unicode.IsLower(rune(recvName[0])) {
		return nil
	}
	want := spelling(recvName)
	var found *funcRef
	for _, fr := range b.soleMethods[name] {
		if fr.class == nil || spelling(fr.class.Name) != want {
			continue
		}
		if found != nil {
			return nil
		}
		found = fr
	}
	return found
}

// untypedMethodCall inlines recv.name(...) on a receiver of unknown type,
// a value the code got at run time (held in a local), when one class
// alone defines the method. A module's function (requests.post) is no
// such call.
func (rc *ruleCtx) untypedMethodCall(e *facts.Expr, method string, recv *value, sc *scope, out *[]allium.Stmt) *value {
	if method == "" || recv.kind != vUnknown || method[0] == '_' || !localRoot(e.X, sc) {
		return nil
	}
	if rc.persistsRow(e, method, sc) {
		return nil
	}
	fr := rc.b.namedMethod(method, e.X.X.Name())
	if fr == nil || fr.fn.Name == "__init__" {
		return nil
	}
	return rc.inline(fr, &value{kind: vPlumbing}, e, sc, out)
}

// localRoot reports a callee x.y.m whose root x is a local of the scope.
func localRoot(callee *facts.Expr, sc *scope) bool {
	x := callee
	for x != nil && x.Kind == facts.ExprAttr {
		x = x.X
	}
	if x == nil || x.Kind != facts.ExprName || x == callee {
		return false
	}
	_, ok := sc.vars[x.Name()]
	return ok
}

// persistsRow reports recv.add(row) and its kin: a call of the catalog's
// session_row_calls handed a row of the spec's entities, new or loaded,
// is the ORM session's, whatever other class of the service defines a
// method of that name. polar's generic repository holds its session untyped
// (kit/repository/base.py:64-65, 125, 152: self.session.add(object)),
// and the only class of the service with an add is a Prometheus counter
// (observability/otel_prometheus.py:55, add(amount, ...)); read as that,
// every row the repository creates or updates was handed beyond the
// inline depth and left out of its rule.
func (rc *ruleCtx) persistsRow(e *facts.Expr, method string, sc *scope) bool {
	if !catalog.Match(rc.b.lang.SessionRowCalls, method) {
		return false
	}
	for i := range e.Args() {
		a := &e.Args()[i]
		if a.Kind != facts.ExprName {
			continue
		}
		if v := sc.vars[a.Name()]; v != nil && (v.kind == vNew || v.kind == vEntity) {
			return true
		}
	}
	return false
}
