package distill

import (
	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/facts"
	"slices"
	"strings"
)

// rowMapperCall is the value of a call of a row mapper of the service
// (rowMapper): the value of what it is given, the same row under another
// class (UserMapper.toPersistence(user), UserMapper.toDomain(row)). nil
// for any other call.
func (rc *ruleCtx) rowMapperCall(e *facts.Expr, sc *scope, out *[]allium.Stmt) *value {
	arg := rc.rowMapperArg(e, sc)
	if arg == nil {
		return nil
	}
	return rc.eval(arg, sc, out, false)
}

// rowMapperArg is what a call of a row mapper is given, through nested
// mappers (toPersistence(toDomain(row)) is row); nil when e is no such
// call.
func (rc *ruleCtx) rowMapperArg(e *facts.Expr, sc *scope) *facts.Expr {
	var arg *facts.Expr
	for range 4 {
		if e == nil || e.Kind != facts.ExprCall || len(e.Args()) != 1 || e.X == nil || e.X.Kind != facts.ExprAttr || e.X.X == nil {
			break
		}
		cr := rc.b.ix.class(sc.file, e.X.X)
		if cr == nil {
			break
		}
		fr := rc.b.ix.method(cr, e.X.Name())
		if fr == nil || !rc.b.isRowMapper(fr.fn) || e.Args()[0].Kind == facts.ExprStarred {
			break
		}
		arg = &e.Args()[0]
		e = arg
	}
	return arg
}

// mappedOrAbsent is the row of `row ? UserMapper.toDomain(row) : null`,
// or its key of `row.pk if row else None`: the row (its key) when there
// is one, and absent as it is when there is none; nil for any other
// conditional.
func (rc *ruleCtx) mappedOrAbsent(e *facts.Expr, sc *scope) *facts.Expr {
	t := e.Test()
	if t == nil || t.Kind != facts.ExprName || e.Y == nil || e.Y.Kind != facts.ExprNone {
		return nil
	}
	if arg := rc.rowMapperArg(e.X, sc); arg != nil && arg.Kind == facts.ExprName && arg.Name() == t.Name() {
		return t
	}
	if x := e.X; x != nil && x.Kind == facts.ExprAttr && (x.Name() == "pk" || x.Name() == "id") &&
		x.X != nil && x.X.Kind == facts.ExprName && x.X.Name() == t.Name() {
		// user.pk if user else None: the row's key when there is a row,
		// absent when there is none, as the row itself is (a task handed
		// the key looks the row up again, account/tasks.py's
		// User.objects.filter(pk=user_pk).first()).
		return x
	}
	return nil
}

// isRowMapper reports a method called on its class (a static: the
// caller checks) that copies the fields of its one
// parameter onto the object it returns, and does nothing else: `const
// row = new UserEntity(); row.email = domain.email; ...; return row`,
// `return {email: domain.email, ...}` or `return new User(raw.id,
// Email.create(raw.email), ...)`. What it returns stands for the row it
// is given, which is how ports-and-adapters code hands a row between the
// domain and the persistence layer. Memoized by function.
func (b *builder) isRowMapper(fn *facts.Function) bool {
	if v, ok := b.memos.rowMappers[fn]; ok {
		return v
	}
	v := b.copiesParam(fn)
	if b.memos.rowMappers == nil {
		b.memos.rowMappers = map[*facts.Function]bool{}
	}
	b.memos.rowMappers[fn] = v
	return v
}

func (b *builder) copiesParam(fn *facts.Function) bool {
	if len(fn.Params) != 1 || fn.Params[0].Name == "" || len(fn.Body()) == 0 {
		return false
	}
	param := fn.Params[0].Name
	last := &fn.Body()[len(fn.Body())-1]
	if last.Kind != facts.StmtReturn || last.Value == nil {
		return false
	}
	switch ret := last.Value; {
	case len(fn.Body()) == 1 && ret.Kind == facts.ExprDict:
		return len(ret.Entries()) > 0 && readsEach(ret.Entries(), param)
	case len(fn.Body()) == 1 && ret.Kind == facts.ExprCall:
		return len(ret.Args()) > 0 && allRead(ret.Args(), param)
	case ret.Kind == facts.ExprName:
		return copiesOnto(fn.Body()[:len(fn.Body())-1], ret.Name(), param)
	}
	return false
}

// copiesOnto reports statements that make the object target and set its
// fields, each from what param holds, and nothing else; at least one
// field must be set.
func copiesOnto(stmts []facts.Stmt, target, param string) bool {
	made, copied := false, 0
	var ok func(stmts []facts.Stmt) bool
	ok = func(stmts []facts.Stmt) bool {
		for i := range stmts {
			s := &stmts[i]
			switch {
			case s.Kind == facts.StmtAssign && len(s.Targets) == 1 && s.Targets[0].Kind == facts.ExprName && s.Targets[0].Name() == target && s.Value != nil:
				made = true // const row = new UserEntity()
			case s.Kind == facts.StmtAssign && len(s.Targets) == 1 && s.Targets[0].Kind == facts.ExprAttr && s.Targets[0].X != nil &&
				s.Targets[0].X.Kind == facts.ExprName && s.Targets[0].X.Name() == target && mentionsExpr(s.Value, param):
				copied++ // row.email = domain.email
			case s.Kind == facts.StmtIf && mentionsExpr(s.Cond, param):
				// if (raw.photo) { domain.photo = ... }
				if !ok(s.Body) || !ok(s.Else()) {
					return false
				}
			default:
				return false
			}
		}
		return true
	}
	return ok(stmts) && made && copied > 0
}

// readsEach reports entries each of whose values reads name.
func readsEach(entries []facts.DictEntry, name string) bool {
	for i := range entries {
		if !mentionsExpr(&entries[i].Value, name) {
			return false
		}
	}
	return true
}

// allRead reports expressions each of which reads name.
func allRead(args []facts.Expr, name string) bool {
	for i := range args {
		if !mentionsExpr(&args[i], name) {
			return false
		}
	}
	return true
}

// unreadRowKey reports a key held in a local whose value is the key
// of a row the walk could not read, or none: the task a mutation hands
// user.pk if user else None of a user its checks may have cleared
// (saleor's RequestPasswordReset, request_password_reset.py:104-109, and
// account/tasks.py:38, User.objects.filter(pk=user_pk).first()). The row
// such a key finds is no input of the request, so it is not made a
// parameter of the trigger; the lookup is left out.
func (rc *ruleCtx) unreadRowKey(value *facts.Expr, sc *scope) bool {
	if value != nil && value.Kind == facts.ExprAttr && value.X != nil && value.X.Kind == facts.ExprName && strings.HasSuffix(value.Name(), "_id") {
		// instance.product_id of a local the walk holds no value of
		// (bound differently on two paths: saleor's ProductVariantDelete,
		// its instance found by id or by sku, product_variant_delete.py:
		// 87-91, then Product.objects.get(id=instance.product_id) at
		// 52): the key of a row the request does not name.
		return unreadValue(sc.vars[value.X.Name()])
	}
	if value != nil && value.Kind == facts.ExprAttr && value.X != nil && value.X.Kind == facts.ExprName &&
		(value.Name() == "pk" || slices.Contains(rc.b.lang.IDAttrs, value.Name())) {
		// {id: user.id} of a user whose lookup was left out (leftOutRow).
		return sc.vars[value.X.Name()] == leftOutRow
	}
	if value == nil || value.Kind != facts.ExprName {
		return false
	}
	v := sc.vars[value.Name()]
	return v != nil && v.kind == vUnknown && v.unreadRowKey
}
