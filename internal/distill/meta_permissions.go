package distill

// The permissions a GraphQL mutation lists in its inner Meta (catalog:
// graphql_nodes.permissions), as saleor checks them:
//
//	class ProductCreate(ModelMutation):
//	    class Meta:
//	        permissions = (ProductPermissions.MANAGE_PRODUCTS,)
//
// Its generic BaseMutation.mutate refuses unless cls.check_permissions
// holds (graphql/core/mutations.py:519-524), and the check asks
// one_of_permissions_or_auth_filter_required(context, cls._meta.permissions)
// (:499-515): that the requestor holds one of them, where the requestor is
// the app whose token made the request or, when there is none, the
// signed-in user (permission/utils.py:32-62, get_user_or_app_from_context:
// context.app or context.user, graphql/utils/__init__.py:204-207). Followed
// as code, the check is a comprehension over has_perm calls beyond the
// inline depth; the catalog names the check, and the walk reads
// cls._meta.permissions as the literals of the service's permission enums,
// so the guard states
//
//	requires: if requesting_app != null: has_permission(requesting_app, manage_products)
//	    else: has_permission(user, manage_products)
//
// The mutation's own check_permissions, when it writes one, is followed as
// code as before: only the catalogued check states the requirement. A list
// holding anything but members of the service's permission enums (an
// authorization filter: any app, any staff user) is not stated, nor is
// the check when the rule cannot name the user or the app.

import (
	"fmt"
	"slices"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// permList is what cls._meta.permissions holds: the literals of the
// permissions the mutation's Meta lists, in order, or why they cannot be
// stated.
type permList struct {
	lits []string
	// filters: the tests of who asks (authorization filters with a
	// catalogued test) the Meta lists with the permissions.
	filters []catalog.FilterTest
	// unread: the Meta lists something the spec cannot state as a
	// permission (an authorization filter without a test, a name it
	// cannot resolve).
	unread string
}

// mutationPermissions reads cls._meta.permissions in a method of the
// handler's mutation lineage: the permissions the mutation's own inner
// Meta lists. graphene reads a class's Meta once and removes it
// (SubclassWithMeta), so a subclass without a Meta of its own lists
// none, whatever its bases list. nil for anything else.
func (rc *ruleCtx) mutationPermissions(e *facts.Expr, sc *scope) *value {
	gn := rc.b.lang.GraphQLNodes
	if gn == nil || gn.Permissions == nil || gn.Permissions.Attr == "" || e == nil || e.Kind != facts.ExprAttr || e.Name() != gn.Permissions.Attr {
		return nil
	}
	mutation := rc.optionsMutation(e.X, sc)
	if mutation == nil {
		return nil
	}
	pl := &permList{}
	for i := range mutation.class.Classes {
		m := &mutation.class.Classes[i]
		if m.Name != gn.Meta.Class {
			continue
		}
		for j := range m.Fields {
			if f := &m.Fields[j]; f.Name == gn.Permissions.Attr && f.Value != nil {
				pl = rc.readPermissions(mutation.file, f.Value)
			}
		}
	}
	return &value{kind: vPlumbing, perms: pl}
}

// readPermissions reads a Meta's tuple of permissions: each a member of
// an enum of the service that is not one of the catalog's filters.
func (rc *ruleCtx) readPermissions(f *facts.File, list *facts.Expr) *permList {
	mp := rc.b.lang.GraphQLNodes.Permissions
	if list.Kind != facts.ExprTuple && list.Kind != facts.ExprList {
		return &permList{unread: "a list of permissions the spec cannot read"}
	}
	pl := &permList{}
	for i := range list.Args() {
		a := &list.Args()[i]
		if a.Kind != facts.ExprAttr || a.X == nil {
			return &permList{unread: "a permission the spec cannot read"}
		}
		cr := rc.b.ix.class(f, a.X)
		if cr == nil || rc.b.enums[cr.qual()] == nil {
			return &permList{unread: "a permission the spec cannot read"}
		}
		if catalog.MatchAny(mp.Filters, cr.qual(), cr.class.Name) {
			ft, ok := mp.FilterTests[cr.class.Name+"."+a.Name()]
			if !ok {
				return &permList{unread: "an authorization filter (" + cr.class.Name + "." + a.Name() + ")"}
			}
			pl.filters = append(pl.filters, ft)
			continue
		}
		v := rc.eval(a, &scope{file: f, vars: map[string]*value{}}, new([]allium.Stmt), false)
		id, ok := v.expr.(*allium.Ident)
		if v.kind != vExpr || v.enum == nil || !ok {
			return &permList{unread: "a permission the spec cannot read"}
		}
		pl.lits = append(pl.lits, id.Name)
	}
	return pl
}

// permissionListCheck is a call of one of the catalog's permission
// checks (one_of_permissions_or_auth_filter_required) given the
// permissions a mutation's Meta lists: that the requestor holds one of
// them (or every one). nil when fr is no such check or its list is not a
// Meta's, so that it is followed as code.
func (rc *ruleCtx) permissionListCheck(fr *funcRef, call *facts.Expr, sc *scope, out *[]allium.Stmt) *value {
	gn := rc.b.lang.GraphQLNodes
	if gn == nil || gn.Permissions == nil || fr == nil || fr.fn == nil || fr.class != nil || call == nil {
		return nil
	}
	mp := gn.Permissions
	var chk *catalog.PermissionListCheck
	for i := range mp.Checks {
		if catalog.Match(mp.Checks[i].Names, fr.fn.QualName) {
			chk = &mp.Checks[i]
		}
	}
	if chk == nil {
		return nil
	}
	arg := callArg(call, fmt.Sprintf("#%d", chk.Arg))
	if arg == nil {
		return nil
	}
	pv := rc.eval(arg, sc, out, false)
	if pv.perms == nil {
		return nil
	}
	if pv.perms.unread != "" {
		rc.untranslated(sc, call.Line(), LeftOutGuard, "the check of the mutation's permissions, listing "+pv.perms.unread)
		return unknownValue
	}
	if len(pv.perms.lits) == 0 && len(pv.perms.filters) == 0 {
		return exprValue(&allium.Lit{Kind: allium.LitBool, Text: "true"}) // `if not permissions: return True`
	}
	user := rc.requestUser()
	app := rc.requestApp(sc)
	if user == nil || app == nil || mp.Predicate == "" {
		rc.untranslated(sc, call.Line(), LeftOutGuard, "the check of the mutation's permissions (the requestor cannot be named)")
		return unknownValue
	}
	holds := func(actor allium.Expr) allium.Expr {
		var x allium.Expr
		op := allium.OpOr
		if chk.All {
			op = allium.OpAnd
		}
		for _, l := range pv.perms.lits {
			c := &allium.Call{Fun: &allium.Ident{Name: mp.Predicate}, Args: []allium.Arg{{Value: actor}, {Value: &allium.Ident{Name: l}}}}
			if x == nil {
				x = c
			} else {
				x = &allium.Binary{Op: op, X: x, Y: c}
			}
		}
		return x
	}
	rc.touch(user)
	rc.touch(app)
	for _, l := range pv.perms.lits {
		if rc.b.metaPermLits == nil {
			rc.b.metaPermLits = map[string]bool{}
		}
		rc.b.metaPermLits[l] = true
	}
	noApp := rc.refusesApp(app.param)
	var perms allium.Expr
	switch {
	case len(pv.perms.lits) == 0:
	case noApp:
		// An app was refused before the check (StaffDeleteMixin,
		// graphql/account/mutations/base.py:507-511): only the user is
		// left to ask.
		perms = holds(user.expr)
	default:
		// The app, when the request came from one, is asked in the
		// user's place (context.app or context.user).
		present := &allium.Binary{Op: allium.OpNe, X: app.expr, Y: &allium.Lit{Kind: allium.LitNull, Text: "null"}}
		perms = &allium.IfExpr{Branches: []allium.IfExprBranch{{Cond: present, Then: holds(app.expr)}}, Else: holds(user.expr)}
	}
	// The filters: one of them holding lets the request through with
	// one of the permissions (or, all of them required, only with every
	// one), permission/utils.py:12-46.
	var filters allium.Expr
	for _, ft := range pv.perms.filters {
		var x allium.Expr
		switch ft.Actor {
		case "app":
			if noApp {
				continue // no app made the request: the filter cannot hold
			}
			x = &allium.Unary{Op: allium.OpExists, X: app.expr}
		case "user":
			x = &allium.Unary{Op: allium.OpExists, X: user.expr}
			for _, f := range ft.Fields {
				x = &allium.Binary{Op: allium.OpAnd, X: x, Y: &allium.Member{X: user.expr, Name: f}}
			}
		default:
			rc.untranslated(sc, call.Line(), LeftOutGuard, "the check of the mutation's permissions (a filter the spec cannot state)")
			return unknownValue
		}
		if filters == nil {
			filters = x
		} else {
			filters = &allium.Binary{Op: allium.OpOr, X: filters, Y: x}
		}
	}
	var check allium.Expr
	switch {
	case perms == nil && filters == nil:
		check = &allium.Lit{Kind: allium.LitBool, Text: "false"} // only app filters, and no app may ask
	case perms == nil:
		check = filters
	case filters == nil:
		check = perms
	case chk.All:
		check = &allium.Binary{Op: allium.OpAnd, X: perms, Y: filters}
	default:
		check = &allium.Binary{Op: allium.OpOr, X: perms, Y: filters}
	}
	return exprValue(check)
}

// requestUser is the signed-in user as the rule names it, without
// making the rule one for signed-in users only (a request an app makes
// has no user): nil when the service has no user entity. It is the
// rule's signed-in user all the same, so that a row the request names
// later yields it the name (yieldSignedInName: saleor's AddressCreate
// looks up the user it adds an address to as user,
// graphql/account/mutations/staff/address_create.py:60-61).
func (rc *ruleCtx) requestUser() *value {
	if rc.userVal == nil {
		auth := rc.auth
		rc.currentUser()
		if rc.auth != auth {
			rc.auth = auth
			rc.quietUser = rc.userVal
		}
	}
	if rc.userVal.kind != vEntity {
		return nil
	}
	return rc.userVal
}

// requestApp is the app a request may come from (the catalog's
// permissions.app), as a parameter of the rule; nil when the service has
// no such model or the rule already names something so.
func (rc *ruleCtx) requestApp(sc *scope) *value {
	mp := rc.b.lang.GraphQLNodes.Permissions
	if mp.App == nil || mp.App.Param == "" || rc.b.entByName[mp.App.Model] == nil {
		return nil
	}
	name := mp.App.Param
	if rc.lets[name] || sc.vars[name] != nil {
		return nil
	}
	return &value{kind: vEntity, ent: mp.App.Model, expr: &allium.Ident{Name: name}, param: name}
}

// requestAppCall is a call of one of the catalog's getters of the
// request's app, resolved by its method (get_app_promise(context).get(),
// graphql/app/dataloaders/utils.py:20-27): the app whose token made the
// request, the rule's requesting_app, null when a user made it. So
// StaffDeleteMixin.check_permissions, refusing any app before the Meta's
// check (graphql/account/mutations/base.py:507-511), requires that no app
// made the request. nil for any other call, or when the rule already
// names something requesting_app.
func (rc *ruleCtx) requestAppCall(e *facts.Expr, method string, sc *scope) *value {
	gn := rc.b.lang.GraphQLNodes
	if gn == nil || gn.Permissions == nil || gn.Permissions.App == nil {
		return nil
	}
	a := gn.Permissions.App
	if a.Then == "" || method != a.Then || len(e.Args()) != 0 || len(e.Keywords()) != 0 {
		return nil
	}
	inner := e.X.X
	if inner == nil || inner.Kind != facts.ExprCall || !catalog.MatchAny(a.Getters, inner.Resolved()) {
		return nil
	}
	return rc.requestApp(sc)
}

// dropUnreadRequestApp takes the request's app off the triggers of a
// handler's rules when none of them reads it: the walk names it wherever
// the code reads get_app_promise(context).get(), also when what it was
// read for is left out (saleor's checkout mutations hand it to
// get_or_create_user_for_checkout and to events beyond the inline depth,
// graphql/checkout/mutations/checkout_create.py), and a parameter nothing
// reads says nothing. The rules of one handler lose it together, so that
// those sharing a trigger keep one arity.
func (rc *ruleCtx) dropUnreadRequestApp(rules []*ruleOut) {
	gn := rc.b.lang.GraphQLNodes
	if gn == nil || gn.Permissions == nil || gn.Permissions.App == nil || gn.Permissions.App.Param == "" {
		return
	}
	name := gn.Permissions.App.Param
	for _, r := range rules {
		if reads, rebinds := nameUses(r.rule.Body, name); reads || rebinds {
			return
		}
	}
	for _, r := range rules {
		if r.rule.Trigger != nil {
			r.rule.Trigger.Params = slices.DeleteFunc(r.rule.Trigger.Params, func(p allium.TriggerParam) bool { return p.Name == name })
		}
		r.params = slices.DeleteFunc(r.params, func(p string) bool { return p == name })
	}
}

// refusesApp reports a requirement of the rule so far that no app made
// the request (not exists requesting_app).
func (rc *ruleCtx) refusesApp(name string) bool {
	for _, st := range rc.body {
		r, ok := st.(*allium.Requires)
		if !ok {
			continue
		}
		if n, ok := r.Cond.(*allium.Unary); ok && n.Op == allium.OpNot {
			if ex, ok := n.X.(*allium.Unary); ok && ex.Op == allium.OpExists {
				if id, ok := ex.X.(*allium.Ident); ok && id.Name == name {
					return true
				}
			}
		}
	}
	return false
}

// contextApp is getattr(context, "app", None) where context.app is one of
// the catalog's attributes of the request context holding the request's
// app (OrderCreateFromCheckout.check_permissions,
// graphql/checkout/mutations/order_create_from_checkout.py:157): the
// rule's requesting_app. nil for any other call.
func (rc *ruleCtx) contextApp(e *facts.Expr, sc *scope) *value {
	gn := rc.b.lang.GraphQLNodes
	if gn == nil || gn.Permissions == nil || gn.Permissions.App == nil || len(gn.Permissions.App.ContextAttrs) == 0 {
		return nil
	}
	if e.Method() != "" || e.Raw() != "getattr" || len(e.Keywords()) != 0 {
		return nil
	}
	args := e.Args()
	if len(args) < 2 || len(args) > 3 || args[1].Kind != facts.ExprString || args[0].Raw() == "" {
		return nil
	}
	if len(args) == 3 && args[2].Kind != facts.ExprNone {
		return nil
	}
	if !slices.Contains(gn.Permissions.App.ContextAttrs, args[0].Raw()+"."+args[1].Value()) {
		return nil
	}
	return rc.requestApp(sc)
}

// permsHeldBy is actor.has_perms(permissions), one of the catalog's
// holds_all methods, given the permissions a mutation's Meta lists: the
// actor holds every one (app.has_perms, app/models.py:112-123, read by
// order_create_from_checkout.py:159). nil for anything else, so that it
// is read as before.
func (rc *ruleCtx) permsHeldBy(e *facts.Expr, method string, sc *scope, out *[]allium.Stmt) *value {
	gn := rc.b.lang.GraphQLNodes
	if gn == nil || gn.Permissions == nil || gn.Permissions.Predicate == "" {
		return nil
	}
	one := slices.Contains(gn.Permissions.HoldsOne, method)
	if !one && !slices.Contains(gn.Permissions.HoldsAll, method) {
		return nil
	}
	if len(e.Args()) != 1 || len(e.Keywords()) != 0 || e.X == nil || e.X.X == nil || e.X.X.Kind != facts.ExprName {
		return nil
	}
	actor := sc.vars[e.X.X.Name()]
	if actor == nil || actor.kind != vEntity || actor.expr == nil {
		return nil
	}
	var pv *value
	if one {
		// The one permission, read as a Meta's list of it: a member of
		// the service's permission enums, not a filter.
		arg := &e.Args()[0]
		pv = &value{kind: vPlumbing, perms: rc.readPermissions(sc.file, facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprTuple, Args: []facts.Expr{*arg}, Line: arg.Line()}))}
	} else {
		pv = rc.eval(&e.Args()[0], sc, out, false)
	}
	if pv.perms == nil || pv.perms.unread != "" || len(pv.perms.filters) != 0 || one && len(pv.perms.lits) != 1 {
		return nil
	}
	rc.touch(actor)
	if len(pv.perms.lits) == 0 {
		return exprValue(&allium.Lit{Kind: allium.LitBool, Text: "true"})
	}
	var x allium.Expr
	for _, l := range pv.perms.lits {
		c := &allium.Call{Fun: &allium.Ident{Name: gn.Permissions.Predicate}, Args: []allium.Arg{{Value: actor.expr}, {Value: &allium.Ident{Name: l}}}}
		if rc.b.metaPermLits == nil {
			rc.b.metaPermLits = map[string]bool{}
		}
		rc.b.metaPermLits[l] = true
		if x == nil {
			x = c
		} else {
			x = &allium.Binary{Op: allium.OpAnd, X: x, Y: c}
		}
	}
	return exprValue(x)
}
