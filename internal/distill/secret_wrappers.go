package distill

import (
	"slices"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// secretWrap says that a function of the service only hands its
// parameters on to the catalog's password verifier (verify_calls) or
// hasher (hash_calls), possibly through further wrappers of its own:
// plain and hashed are the positions, at the function's call sites, of
// the presented secret and of the stored hash (hashed is -1 for a hasher).
type secretWrap struct {
	verify        bool
	plain, hashed int
}

// maxWrapDepth bounds how many of the service's wrappers are followed to
// reach the catalog's function.
const maxWrapDepth = 4

// secretWrapperCall reads a call of the service's own wrapper of the
// password verifier or hasher as the catalog's function: mealie's
// CredentialsProvider.verify_password(plain, hashed) returns
// get_hasher().verify(plain, hashed) (core/security/providers/
// credentials_provider.py:64-67), whose BcryptHasher.verify returns
// bcrypt.checkpw of the two (core/security/hasher.py:29-32), so
// `if not CredentialsProvider.verify_password(change.current_password,
// self.user.password): raise` (routes/users/crud.py:91) requires
// verify(current_password, user.password). Inlining cannot read it: which
// hasher get_hasher gives is a deployment setting. nil when fr is no such
// wrapper or an argument does not translate.
func (rc *ruleCtx) secretWrapperCall(fr *funcRef, e *facts.Expr, sc *scope, out *[]allium.Stmt) allium.Expr {
	w, ok := rc.b.secretWrapper(fr, 0)
	if !ok {
		return nil
	}
	arg := func(pos int) allium.Expr {
		x := wrapperArgAt(fr, e, pos)
		if x == nil {
			return nil
		}
		return rc.tr(x, sc, out)
	}
	plain := arg(w.plain)
	if plain == nil {
		return nil
	}
	if !w.verify {
		return &allium.Call{Fun: &allium.Ident{Name: "hash"}, Args: []allium.Arg{{Value: plain}}}
	}
	hashed := arg(w.hashed)
	if hashed == nil {
		return nil
	}
	args := []allium.Arg{{Value: plain}, {Value: hashed}}
	return &allium.Call{Fun: &allium.Ident{Name: "verify"}, Args: secretFirst(rc.tokenSecrets(e, args, sc))}
}

// wrapperArgAt is the argument a call gives the parameter at pos (counted
// as the call site counts, without self): the positional one, or the
// keyword of its name. nil when the call gives none.
func wrapperArgAt(fr *funcRef, e *facts.Expr, pos int) *facts.Expr {
	if args := e.Args(); pos < len(args) {
		if slices.ContainsFunc(args[:pos+1], func(a facts.Expr) bool { return a.Kind == facts.ExprStarred }) {
			return nil // f(*xs): which argument lands where is unknown
		}
		return &args[pos]
	}
	params := callParams(fr)
	if pos >= len(params) {
		return nil
	}
	return e.Keyword(params[pos].Name)
}

// callParams are a function's parameters as its callers give them: a
// method's self (or a class method's cls) is not given by the call.
func callParams(fr *funcRef) []facts.Param {
	params := fr.fn.Params
	if fr.class != nil && len(params) > 0 && !slices.ContainsFunc(fr.fn.Decorators, func(d facts.Expr) bool { return d.Raw() == "staticmethod" }) {
		params = params[1:]
	}
	return params
}

// secretWrapper reports whether fr only returns the catalog's verifier or
// hasher (or a wrapper of the service that does, depth deep) of its own
// parameters, computing nothing but locals on the way: a function that
// does more (counts failures, looks a user up) is inlined as any helper.
func (b *builder) secretWrapper(fr *funcRef, depth int) (secretWrap, bool) {
	if fr == nil || fr.fn == nil || depth > maxWrapDepth {
		return secretWrap{}, false
	}
	body := fr.fn.Body()
	if len(body) == 0 {
		return secretWrap{}, false
	}
	ret := body[len(body)-1]
	if ret.Kind != facts.StmtReturn || ret.Value == nil || ret.Value.Kind != facts.ExprCall {
		return secretWrap{}, false
	}
	locals := map[string]*facts.Expr{}
	for i := range body[:len(body)-1] {
		s := &body[i]
		if s.Kind != facts.StmtAssign || len(s.Targets) != 1 || s.Targets[0].Kind != facts.ExprName || s.Value == nil {
			return secretWrap{}, false
		}
		locals[s.Targets[0].Name()] = s.Value
	}
	inner, ok := b.wrappedSecretCall(fr.file, ret.Value, depth)
	if !ok {
		return secretWrap{}, false
	}
	params := callParams(fr)
	args := ret.Value.Args()
	param := func(at int) int {
		if at < 0 || at >= len(args) {
			return -1
		}
		return b.secretParam(&args[at], params, locals, 0)
	}
	w := secretWrap{verify: inner.verify, plain: param(inner.plain), hashed: -1}
	if w.plain < 0 {
		return secretWrap{}, false
	}
	if w.verify {
		w.hashed = param(inner.hashed)
		if w.hashed < 0 || w.hashed == w.plain {
			return secretWrap{}, false
		}
	}
	return w, true
}

// wrappedSecretCall reports whether call c, in file, is the catalog's
// verifier or hasher, or reaches one through the service's own code: a
// function, a class's static method, or a method of the objects a
// function of the service returns (get_hasher().verify(...), where
// get_hasher returns a BcryptHasher whose verify is bcrypt.checkpw). Of
// the classes such a factory returns, the first that wraps the catalog's
// function is read: the others are stand-ins (mealie's FakeHasher, given
// when settings.TESTING, hasher.py:35-41) the deployed service does not
// run. The positions are of c's own arguments.
func (b *builder) wrappedSecretCall(file *facts.File, c *facts.Expr, depth int) (secretWrap, bool) {
	l := b.lang
	names := []string{c.Resolved(), c.Raw()}
	if catalog.MatchAny(l.VerifyCalls, names...) && len(c.Args()) >= 2 {
		if catalog.MatchAny(l.HashFirstVerifyCalls, names...) {
			return secretWrap{verify: true, plain: 1, hashed: 0}, true
		}
		return secretWrap{verify: true, plain: 0, hashed: 1}, true
	}
	if catalog.MatchAny(l.HashCalls, names...) && len(c.Args()) >= 1 {
		return secretWrap{plain: 0, hashed: -1}, true
	}
	var targets []*funcRef
	if c.Method() == "" {
		targets = append(targets, b.ix.function(file, c))
	} else if c.X != nil && c.X.Kind == facts.ExprAttr && c.X.X != nil {
		recv, method := c.X.X, c.X.Name()
		if cr := b.ix.class(file, recv); cr != nil {
			if fr := b.ix.method(cr, method); fr != nil && slices.ContainsFunc(fr.fn.Decorators, func(d facts.Expr) bool { return d.Raw() == "staticmethod" }) {
				targets = append(targets, fr)
			}
		} else if recv.Kind == facts.ExprCall && recv.Method() == "" {
			for _, cr := range b.returnedClasses(b.ix.function(file, recv)) {
				targets = append(targets, b.ix.method(cr, method))
			}
		}
	}
	for _, fr := range targets {
		if w, ok := b.secretWrapper(fr, depth+1); ok {
			return w, true
		}
	}
	return secretWrap{}, false
}

// returnedClasses are the service's classes whose new instances fr
// returns (return BcryptHasher()), in the order its body returns them.
func (b *builder) returnedClasses(fr *funcRef) []*classRef {
	if fr == nil || fr.fn == nil {
		return nil
	}
	var out []*classRef
	var walk func(stmts []facts.Stmt, depth int)
	walk = func(stmts []facts.Stmt, depth int) {
		if depth > 8 {
			return
		}
		for i := range stmts {
			s := &stmts[i]
			switch s.Kind {
			case facts.StmtReturn:
				if v := s.Value; v != nil && v.Kind == facts.ExprCall && v.Method() == "" {
					if cr := b.ix.class(fr.file, v.X); cr != nil && !slices.Contains(out, cr) {
						out = append(out, cr)
					}
				}
			case facts.StmtIf:
				walk(s.Body, depth+1)
				walk(s.Else(), depth+1)
			}
		}
	}
	walk(fr.fn.Body(), 0)
	return out
}

// secretParam is the position (as callers count) of the parameter an
// argument of the wrapped call carries: the parameter itself, a local
// assigned from it, or either through a conversion that keeps its value
// (catalog transparent_calls: password.encode("utf-8"), str(password)).
// -1 when it carries none.
func (b *builder) secretParam(x *facts.Expr, params []facts.Param, locals map[string]*facts.Expr, depth int) int {
	if x == nil || depth > 4 {
		return -1
	}
	switch x.Kind {
	case facts.ExprName:
		if i := slices.IndexFunc(params, func(p facts.Param) bool { return p.Name == x.Name() }); i >= 0 {
			return i
		}
		if v := locals[x.Name()]; v != nil {
			return b.secretParam(v, params, nonRecursive(locals, x.Name()), depth+1)
		}
	case facts.ExprCall:
		if m := x.Method(); m != "" {
			if catalog.Match(b.lang.TransparentCalls, m) && x.X != nil && x.X.Kind == facts.ExprAttr {
				return b.secretParam(x.X.X, params, locals, depth+1)
			}
		} else if len(x.Args()) >= 1 && catalog.MatchAny(b.lang.TransparentCalls, x.Resolved(), x.Raw()) {
			return b.secretParam(&x.Args()[0], params, locals, depth+1)
		}
	}
	return -1
}

// nonRecursive is locals without name, so that `p = p.encode()` read
// back from p does not loop.
func nonRecursive(locals map[string]*facts.Expr, name string) map[string]*facts.Expr {
	out := make(map[string]*facts.Expr, len(locals))
	for k, v := range locals {
		if k != name {
			out[k] = v
		}
	}
	return out
}
