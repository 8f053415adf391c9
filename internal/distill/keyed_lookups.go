package distill

import (
	"slices"
	"strconv"
	"strings"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// A generic repository finds a row by a column its caller names
// (mealie's RepositoryGeneric.get_one, repos/repository_generic.py:143):
//
//	def get_one(self, value, key=None, any_case=False, ...):
//	    key = key or self.primary_key
//	    q = self._query(...)
//	    if any_case:
//	        search_attr = getattr(self.model, key)
//	        q = q.where(func.lower(search_attr) == str(value).lower())
//	    else:
//	        q = q.filter_by(**self._filter_builder(**{key: value}))
//
// called as get_one(email, "email", any_case=True). The key is the text
// the caller passed (`or` keeps a non-empty text), getattr of the model
// class by it is that column (attrcalls.go), a local bound to it names
// the column in a filter, and lower() on both sides compares the values
// without regard to case.

// columnLocal is the field a local names when it was bound to a column of
// the model class ent (search_attr = getattr(self.model, "email") read as
// User.email); "" for any other local.
func (rc *ruleCtx) columnLocal(x *facts.Expr, ent string, sc *scope) string {
	v := sc.vars[x.Name()]
	if v == nil || v.kind != vExpr || v.ent != ent {
		return ""
	}
	return modelColumn(v.expr, ent)
}

// modelColumn is the field x names when it is a column of the model class
// ent written out (User.email); "" for any other expression.
func modelColumn(x allium.Expr, ent string) string {
	m, ok := x.(*allium.Member)
	if !ok {
		return ""
	}
	if id, ok := m.X.(*allium.Ident); !ok || id.Name != ent {
		return ""
	}
	return m.Name
}

// calledColumn is the field of the model class ent a call on the left of
// a filter's comparison gives: getattr(Model, "id") with a name the walk
// knows, or a helper of the service handed the model class and the
// column's name that returns that column (lemur's database.get, whose
// `query.filter(get_model_column(model, field) == value)`, database.py:
// 150-161, finds the row whose field, "id" unless named, equals value).
// "" for any other expression. The call is evaluated apart: what it
// writes is not the rule's.
func (rc *ruleCtx) calledColumn(x *facts.Expr, ent string, sc *scope) string {
	if x == nil || x.Kind != facts.ExprCall || rc.lowercaseCall(x) != nil {
		return ""
	}
	if x.Method() == "" && len(x.Args()) >= 2 && catalog.MatchAny(rc.b.lang.AttrGetCalls, x.Resolved(), x.Raw()) {
		// getattr(model, field): the model class's column by that name
		// (attrCall reads no column the spec does not declare, such as
		// the primary key).
		var scratch []allium.Stmt
		if mc := rc.eval(&x.Args()[0], sc, &scratch, false); mc.kind != vModelClass || mc.ent != ent {
			return ""
		}
		if name, ok := rc.knownName(&x.Args()[1], sc); ok && isSnake(name) {
			return name
		}
		return ""
	}
	// What the helper requires is the helper's own check of the column
	// name, not the rule's.
	bodyAt := len(rc.body)
	var scratch []allium.Stmt
	v := rc.eval(x, sc, &scratch, false)
	if len(rc.body) > bodyAt {
		rc.body = rc.body[:bodyAt]
	}
	if v == nil || v.kind != vExpr || v.ent != ent || v.param != "column" || len(scratch) > 0 {
		return ""
	}
	return modelColumn(v.expr, ent)
}

// tableColumn reads a column taken from a model class's table by its
// name (SQLAlchemy's Model.__table__.columns.get("id"),
// Model.__table__.c["id"]; catalog table_columns) as that column of the
// model, marked param "column". nil for any other expression.
func (rc *ruleCtx) tableColumn(e *facts.Expr, sc *scope, out *[]allium.Stmt) *value {
	tc := rc.b.lang.TableColumns
	if tc.Table == "" || len(tc.Columns) == 0 {
		return nil
	}
	var cols, name *facts.Expr
	switch {
	case e.Kind == facts.ExprCall && e.Method() == "get" && len(e.Args()) >= 1 && e.X != nil:
		cols, name = e.X.X, &e.Args()[0]
	case e.Kind == facts.ExprSubscript && e.Y != nil:
		cols, name = e.X, e.Y
	default:
		return nil
	}
	if cols == nil || cols.Kind != facts.ExprAttr || !slices.Contains(tc.Columns, cols.Name()) ||
		cols.X == nil || cols.X.Kind != facts.ExprAttr || cols.X.Name() != tc.Table {
		return nil
	}
	mc := rc.eval(cols.X.X, sc, out, false)
	if mc.kind != vModelClass || rc.b.entByName[mc.ent] == nil {
		return nil
	}
	n, ok := rc.knownName(name, sc)
	if !ok || !isSnake(n) {
		return nil
	}
	return &value{kind: vExpr, expr: &allium.Member{X: &allium.Ident{Name: mc.ent}, Name: n}, ent: mc.ent, param: "column"}
}

// lowercaseCall is the value a catalogued lower-casing call lower-cases,
// as a function (func.lower(col)) or as a method (value.lower()); nil
// for any other expression.
func (rc *ruleCtx) lowercaseCall(x *facts.Expr) *facts.Expr {
	if x == nil || x.Kind != facts.ExprCall || len(x.Keywords()) > 0 {
		return nil
	}
	lower := rc.b.lang.LowercaseCalls
	switch {
	case len(x.Args()) == 0 && slices.Contains(lower, x.Method()) && x.X.X != nil:
		return x.X.X // value.lower()
	case len(x.Args()) == 1 && slices.Contains(lower, facts.LastSegment(x.Raw())):
		return &x.Args()[0] // func.lower(col)
	}
	return nil
}

// textOf is x without a conversion to text around it (str(value)): the
// value itself, which a text column's comparison reads the same.
func textOf(x *facts.Expr) *facts.Expr {
	if x != nil && x.Kind == facts.ExprCall && x.Raw() == "str" && len(x.Args()) == 1 && len(x.Keywords()) == 0 {
		return &x.Args()[0]
	}
	return x
}

// nonEmptyText reports a value that is a text literal other than "",
// which `or` keeps (a column name a caller named).
func nonEmptyText(v *value) bool {
	t, ok := keyText(v)
	return ok && t != ""
}

// keyText is the text a value names a column by: a text literal, or a
// module constant set to one (PK_ID = "id"). ok is false for any other
// value.
func keyText(v *value) (string, bool) {
	if v == nil {
		return "", false
	}
	if (v.kind == vExpr || v.kind == vUnknown) && v.constString != nil {
		// PK_ID = "id", read as config.pk_id, handed to a generic
		// repository's constructor as the column it finds rows by
		// (mealie's RepositoryGeneric(self.session, PK_ID, User, ...),
		// repos/repository_factory.py:80,173); PK_TOKEN = "token", no
		// setting for its name, likewise (tokens_pw_reset, :184-187).
		return *v.constString, true
	}
	if v.kind != vExpr {
		return "", false
	}
	l, ok := v.expr.(*allium.Lit)
	if !ok || l.Kind != allium.LitString {
		return "", false
	}
	return l.Text, true
}

// nonZeroAmount reports a value known to be a number or a duration other
// than zero: true as a condition, so `x or default` is x.
func nonZeroAmount(v *value) bool {
	if v == nil || v.kind != vExpr {
		return false
	}
	var text string
	switch x := v.expr.(type) {
	case *allium.Duration:
		text = x.Value
	case *allium.Lit:
		if x.Kind != allium.LitNumber {
			return false
		}
		text = x.Text
	default:
		return false
	}
	n, err := strconv.ParseFloat(strings.ReplaceAll(text, "_", ""), 64)
	return err == nil && n != 0
}

// The keyed branch filters by keywords a method of the repository builds
// (repos/repository_generic.py:81):
//
//	def _filter_builder(self, **kwargs):
//	    dct = {}
//	    if self.group_id:
//	        dct["group_id"] = self.group_id
//	    return {**dct, **kwargs}
//
// q.filter_by(**self._filter_builder(**{key: value})) is then the
// filter by the keywords given (key=value, the key read as the caller's
// text). What the builder adds of the repository's own state (the group
// it serves) is tenant scoping, which a lookup may leave out and stay
// right (query.scoped); it is not counted there, so that the row found
// by the key alone stays one row (rowValidated).

// filterBuilderSpread reads a spread of such a builder's result: the
// keywords the call hands it. ok is false for any other spread.
func (rc *ruleCtx) filterBuilderSpread(e *facts.Expr, sc *scope, out *[]allium.Stmt) (given []facts.Keyword, ok bool) {
	if e != nil && e.Kind == facts.ExprName && sc.helper != nil {
		// fltr = self._filter_builder(**{match_key: match_value}), then
		// filter_by(**fltr) (mealie's _query_one,
		// repos/repository_generic.py:140-141): the local's one value.
		if x := onlyAssignment(sc.helper, e.Name()); x != nil && x.Kind == facts.ExprCall {
			e = x
		}
	}
	if e == nil || e.Kind != facts.ExprCall || len(e.Args()) > 0 || e.X == nil || e.X.Kind != facts.ExprAttr || !rc.b.isReceiverExpr(e.X.X) {
		return nil, false
	}
	var cls *classRef
	if sc.cls != nil {
		cls = &classRef{file: sc.file, class: sc.cls}
	}
	if self := rc.eval(e.X.X, sc, out, false); self.repo != nil {
		cls = self.repo // the subclass the repository was built from
	}
	if cls == nil {
		return nil, false
	}
	fr := rc.b.ix.method(cls, e.X.Name())
	if fr == nil || len(fr.fn.Body()) == 0 {
		return nil, false
	}
	kw := ""
	for _, p := range fr.fn.Params {
		if p.Kind == facts.ParamVarKeyword {
			kw = p.Name
		}
	}
	last := &fr.fn.Body()[len(fr.fn.Body())-1]
	if kw == "" || last.Kind != facts.StmtReturn || last.Value == nil || last.Value.Kind != facts.ExprDict {
		return nil, false
	}
	passed := false
	for _, en := range last.Value.Entries() {
		passed = passed || en.Key == nil && en.Value.Kind == facts.ExprName && en.Value.Name() == kw
	}
	if !passed {
		return nil, false
	}
	call := e
	if x := rc.expandKeywordDict(e, sc, out); x != nil {
		call = x // **{key: value} with key the caller's text
	}
	for _, k := range call.Keywords() {
		if k.Name == "**" {
			return nil, false
		}
	}
	return call.Keywords(), true
}

// A generic repository answers the row it found through the schema it
// was built with (return eff_schema.model_validate(result), the schema a
// constructor argument kept in self.schema): the same row, seen through
// a view of it. rowValidated is that row when e is a catalogued
// validating constructor, called on no class the walk can name, given
// only a row (one found, or one it just created); nil otherwise.
func (rc *ruleCtx) rowValidated(e *facts.Expr, method string, sc *scope, out *[]allium.Stmt) *value {
	if method == "" || !catalog.Match(rc.b.lang.ValidatingConstructors, method) || len(e.Args()) != 1 || len(e.Keywords()) > 0 {
		return nil
	}
	if rc.b.ix.class(sc.file, e.X.X) != nil {
		return nil // a class of the service: built from the argument
	}
	if recv := rc.eval(e.X.X, sc, out, false); recv.kind == vModelClass || recv.kind == vEnumClass {
		return nil
	}
	v := rc.eval(&e.Args()[0], sc, out, false)
	q := v.q
	if v.kind == vEntity {
		q = v.foundBy
	}
	if q != nil && (q.bad > 0 || q.scoped > 0) {
		// Found by conditions part of which the walk could not read
		// (mealie's get_by_user_and_recipe, a recipe id it did not
		// follow): which row it answers is not known.
		return nil
	}
	switch v.kind {
	case vLookup, vEntity, vNew:
		return v
	}
	return nil
}

// foldedLookup is the row a query finds by columns compared without
// regard to case (func.lower(User.email) == email.lower()), which a join
// (User{email}) would state as an exact match: a black box of the values
// named after the lookup, user_by_email_ignoring_case(email), as a lookup
// by either of two columns is (user_by_email_or_username). nil when a
// condition is anything but such an equality.
func foldedLookup(q *query) allium.Expr {
	var fields []string
	var args []allium.Arg
	for _, c := range q.conds {
		if !c.fold || c.op != allium.OpEq || c.val == nil || len(c.path) > 0 || c.orNull || c.many {
			return nil
		}
		fields = append(fields, c.field)
		args = append(args, allium.Arg{Value: c.val})
	}
	return &allium.Call{Fun: &allium.Ident{Name: snake(q.ent) + "_by_" + strings.Join(fields, "_and_") + "_ignoring_case"}, Args: args}
}

// onlyAssignment is the value fn assigns to the local name when it does
// so once, at its top level, and nowhere else (not in a branch or loop,
// not as a parameter): that value is what the name holds wherever it is
// read after it. nil otherwise.
func onlyAssignment(fn *facts.Function, name string) *facts.Expr {
	if slices.ContainsFunc(fn.Params, func(p facts.Param) bool { return p.Name == name }) {
		return nil
	}
	top := assignedAtTop(fn.Body(), name)
	if len(top) != 1 || assignmentsOf(fn.Body(), name, 0) != 1 {
		return nil
	}
	return top[0]
}

// assignmentsOf counts the statements, nested ones included, that bind
// name (an assignment, augmented or not, or a loop's target), up to 8
// blocks deep.
func assignmentsOf(body []facts.Stmt, name string, depth int) int {
	if depth > 8 {
		return 2 // too deep to tell: never taken as the only one
	}
	n := 0
	for i := range body {
		s := &body[i]
		switch s.Kind {
		case facts.StmtAssign, facts.StmtAugAssign, facts.StmtFor:
			if slices.ContainsFunc(s.Targets, func(t facts.Expr) bool { return binds(&t, name) }) {
				n++
			}
		case facts.StmtWith:
			for _, it := range s.Items() {
				if it.Alias != nil && binds(it.Alias, name) {
					n++
				}
			}
		case facts.StmtTry:
			n += assignmentsOf(s.Finally(), name, depth+1)
			for _, h := range s.Handlers() {
				if h.Name == name {
					n++
				}
				n += assignmentsOf(h.Body, name, depth+1)
			}
		}
		n += assignmentsOf(s.Body, name, depth+1) + assignmentsOf(s.Else(), name, depth+1)
	}
	return n
}

// binds reports whether an assignment target binds name (x, or x in a
// tuple or starred target).
func binds(t *facts.Expr, name string) bool {
	switch t.Kind {
	case facts.ExprName:
		return t.Name() == name
	case facts.ExprTuple, facts.ExprList:
		for i := range t.Args() {
			if binds(&t.Args()[i], name) {
				return true
			}
		}
	case facts.ExprStarred:
		return t.X != nil && binds(t.X, name)
	}
	return false
}
