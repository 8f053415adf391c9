package distill

import (
	"strconv"
	"strings"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// Rate limits the service keeps itself, in a row per key (a token bucket):
//
//	def authorize(value, capacity, refill_time_secs):
//	    obj, created = TokenBucket.objects.get_or_create(value=value)
//	    if not created:
//	        obj.tokens = min(1.0, obj.tokens + elapsed / refill_time_secs)
//	    obj.tokens -= 1.0 / capacity
//	    if obj.tokens < 0:
//	        return False
//	    obj.save()
//	    return True
//
//	def authorize_login_email(email):
//	    return TokenBucket.authorize(f"em-{email}", 10, 3600)
//
//	if not TokenBucket.authorize_login_email(v):
//	    raise ValidationError("Too many attempts")
//
// A call of such a function answers whether the key is still under its
// limit: recent_attempts(key, 1.hour) < config.login_email_attempts, the
// capacity a config parameter (10) and the refill time the window. The
// row it keeps is the limit's bookkeeping, not behaviour of its own.

// bucketParams are the positions, among a bucket function's parameters
// less its receiver, of the key, the capacity and the refill window.
type bucketParams struct{ key, capacity, window int }

// bucketOf reads fn as a token bucket: it finds or creates a row by one
// parameter (the key), takes a share given by another (the capacity) off
// a counter of the row, refills it over a third (the window: a divisor),
// answers False under a test and True at its end.
func (b *builder) bucketOf(fn *facts.Function) (bucketParams, bool) {
	_, params := b.receiverParams(fn.Params)
	pos := map[string]int{}
	for i, p := range params {
		if p.Name != "" {
			pos[p.Name] = i
		}
	}
	body := withoutDocstring(fn.Body())
	if len(pos) < 3 || len(body) < 3 || !isBoolReturn(&body[len(body)-1], "true") {
		return bucketParams{}, false
	}
	bp := bucketParams{key: -1, capacity: -1, window: -1}
	refuses := false
	paramIn := func(e *facts.Expr) int {
		at := -1
		e.Any(func(x *facts.Expr) bool {
			if i, ok := pos[x.Raw()]; ok && x.Kind == facts.ExprName {
				at = i
				return true
			}
			return false
		})
		return at
	}
	var divisors []int
	facts.Walk(body, func(s *facts.Stmt) bool {
		if s.Value != nil && s.Value.Kind == facts.ExprCall && catalog.Match(b.lang.FindOrCreateMethods, s.Value.Method()) {
			for _, kw := range s.Value.Keywords() {
				if kw.Value.Kind == facts.ExprName {
					if i, ok := pos[kw.Value.Raw()]; ok {
						bp.key = i
					}
				}
			}
		}
		if s.Kind == facts.StmtAugAssign && s.Op() == "-=" && len(s.Targets) == 1 && s.Targets[0].Kind == facts.ExprAttr {
			bp.capacity = paramIn(s.Value)
		}
		if s.Kind == facts.StmtIf && len(s.Body) == 1 && isBoolReturn(&s.Body[0], "false") {
			refuses = true
		}
		for _, x := range []*facts.Expr{s.Value, s.Cond} {
			x.Any(func(e *facts.Expr) bool {
				if e.Kind == facts.ExprBinary && e.Op() == "/" && e.Y != nil && e.Y.Kind == facts.ExprName {
					if i, ok := pos[e.Y.Raw()]; ok {
						divisors = append(divisors, i)
					}
				}
				return false
			})
		}
		return true
	})
	for _, i := range divisors {
		if i != bp.key && i != bp.capacity {
			bp.window = i
		}
	}
	ok := refuses && bp.key >= 0 && bp.capacity >= 0 && bp.window >= 0 && bp.key != bp.capacity
	return bp, ok
}

// bucketModel reports whether e is only the rows of a token bucket: one
// of its methods is a bucket (bucketOf) and it points at no other entity.
// Rules state its limits as recent_attempts(...), so its rows are the
// limits' bookkeeping and not part of the spec unless a rule names it.
func (b *builder) bucketModel(e *entityInfo) bool {
	if e.ref == nil || e.ref.class == nil {
		return false
	}
	for _, f := range e.fields {
		if f.fkEntity != "" {
			return false
		}
	}
	for i := range e.ref.class.Methods {
		if _, ok := b.bucketOf(&e.ref.class.Methods[i]); ok {
			return true
		}
	}
	return false
}

// isBoolReturn reports whether s is `return True` (want "true") or
// `return False` ("false").
func isBoolReturn(s *facts.Stmt, want string) bool {
	return s.Kind == facts.StmtReturn && s.Value != nil && s.Value.Kind == facts.ExprBool && s.Value.Value() == want
}

// bucketLimit states a call of fr, a token bucket or a function that
// answers one with a key of its own and literal capacity and window
// (above), as the condition that the key is under its limit. It returns
// nil when fr is neither, or the call's key cannot be stated.
func (rc *ruleCtx) bucketLimit(fr *funcRef, call *facts.Expr, sc *scope, out *[]allium.Stmt) *value {
	b := rc.b
	if len(call.Keywords()) > 0 {
		return nil // authorize(..., force=True) records, it does not limit
	}
	name := fr.fn.Name
	var capArg, winArg *facts.Expr
	var keys []allium.Expr
	if bp, ok := b.bucketOf(fr.fn); ok {
		if max(bp.key, bp.capacity, bp.window) >= len(call.Args()) {
			return nil
		}
		capArg, winArg = &call.Args()[bp.capacity], &call.Args()[bp.window]
		k := rc.tr(&call.Args()[bp.key], sc, out)
		if k == nil {
			return nil
		}
		keys = []allium.Expr{k}
	} else {
		inner, core := rc.bucketCall(fr)
		if inner == nil {
			return nil
		}
		bp, _ := b.bucketOf(core.fn)
		capArg, winArg = &inner.Args()[bp.capacity], &inner.Args()[bp.window]
		name = strings.TrimPrefix(strings.TrimPrefix(name, core.fn.Name), "_")
		_, params := b.receiverParams(fr.fn.Params)
		if len(call.Args()) != len(params) {
			return nil
		}
		for i := range call.Args() {
			if b.readsClientAddress(fr.fn) && len(call.Args()) == 1 {
				keys = append(keys, rc.valueExpr(rc.paramValue("ip")))
				continue
			}
			k := rc.tr(&call.Args()[i], sc, out)
			if k == nil {
				return nil
			}
			keys = append(keys, k)
		}
	}
	capacity, ok1 := evalInt(capArg)
	secs, ok2 := evalInt(winArg)
	window := durationFrom(secs, "seconds")
	if !ok1 || !ok2 || window == nil || name == "" {
		return nil
	}
	name = strings.TrimSuffix(strings.TrimSuffix(snake(name), "_attempts"), "_attempt")
	limit := b.literalConfig(name+"_attempts", "Integer",
		&allium.Lit{Kind: allium.LitNumber, Text: strconv.FormatInt(capacity, 10)}, sc.file, call.Line())
	args := make([]allium.Arg, 0, len(keys)+1)
	for _, k := range keys {
		args = append(args, allium.Arg{Value: k})
	}
	args = append(args, allium.Arg{Value: window})
	return exprValue(&allium.Binary{Op: "<", X: &allium.Call{Fun: &allium.Ident{Name: "recent_attempts"}, Args: args}, Y: limit})
}

// bucketCall finds, in a function that ends by returning a token bucket's
// answer for literal capacity and window (return
// TokenBucket.authorize(f"em-{h}", 10, 3600)), that call and the bucket.
func (rc *ruleCtx) bucketCall(fr *funcRef) (*facts.Expr, *funcRef) {
	b := rc.b
	body := withoutDocstring(fr.fn.Body())
	if len(body) == 0 {
		return nil, nil
	}
	last := &body[len(body)-1]
	if last.Kind != facts.StmtReturn || last.Value == nil || last.Value.Kind != facts.ExprCall || len(last.Value.Keywords()) > 0 {
		return nil, nil
	}
	call := last.Value
	core := b.ix.function(fr.file, call)
	if core == nil && call.Method() != "" && fr.class != nil {
		if recv := call.X.X; recv != nil && (recv.Raw() == fr.class.Name || b.isReceiverExpr(recv)) {
			if cr := b.ix.class(fr.file, facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprName, Name: fr.class.Name, Raw: fr.class.Name, Line: fr.class.Line})); cr != nil {
				core = b.ix.method(cr, call.Method())
			}
		}
	}
	if core == nil || core.fn == fr.fn {
		return nil, nil
	}
	bp, ok := b.bucketOf(core.fn)
	if !ok || max(bp.capacity, bp.window) >= len(call.Args()) {
		return nil, nil
	}
	if _, ok := evalInt(&call.Args()[bp.capacity]); !ok {
		return nil, nil
	}
	if _, ok := evalInt(&call.Args()[bp.window]); !ok {
		return nil, nil
	}
	return call, core
}

// readsClientAddress reports whether fn reads one of the catalogued
// client address keys (request.META["REMOTE_ADDR"]).
func (b *builder) readsClientAddress(fn *facts.Function) bool {
	found := false
	facts.Walk(fn.Body(), func(s *facts.Stmt) bool {
		for _, x := range []*facts.Expr{s.Value, s.Cond} {
			if x.Any(func(e *facts.Expr) bool {
				return e.Kind == facts.ExprString && catalog.Match(b.lang.ClientAddressKeys, e.Value())
			}) {
				found = true
			}
		}
		return true
	})
	return found
}
