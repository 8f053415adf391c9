package compare

import (
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/distill/distill/internal/allium"
)

// normalizers are calls that, wrapped around a lookup key, change its
// spelling and not what it looks up: User{email: lower(email)} finds the
// same account as User{email}.
var normalizers = map[string]bool{
	"lower": true, "lowercase": true, "casefold": true, "strip": true, "trim": true,
	"normalize_email": true, "normalise_email": true, "normalize": true, "normalise": true,
	// distill's names for the catalog's normaliser_calls.
	"lowercase_domain": true, "uppercase": true, "titlecase": true, "nfkc": true,
	"trim_start": true, "trim_end": true,
}

// spellings are names of one normalising function written two ways:
// lower(email) in a spec written by hand and distill's lowercase(email)
// state the same thing, wherever the call stands.
var spellings = map[string]string{
	"lower": "lowercase", "normalise": "normalize", "normalise_email": "normalize_email",
}

// clauseKey prints a clause in the normal form clauses are matched on: no
// comments, and expressions written one way where the language allows
// several (see normExpr). The clause itself is left as it was.
func clauseKey(s allium.Stmt) string {
	cp := deepCopy(s)
	allium.WalkStmts([]allium.Stmt{cp}, func(st allium.Stmt) bool {
		m := st.Info()
		m.Doc, m.Comment, m.Blank = nil, "", false
		allium.SetStmtExprs(st, normExpr)
		return true
	})
	return allium.PrintConstruct(cp)
}

// exprKey prints an expression in normal form.
func exprKey(e allium.Expr) string {
	if e == nil {
		return ""
	}
	return allium.ExprString(normExpr(deepCopy(e)))
}

// normExpr rewrites e in place, children first, and returns the node that
// stands for it: join shorthand for a field looked up by its own name and
// join fields in name order, normalising calls (lower, strip, ...) around
// join keys and creation arguments dropped,
// named arguments in name order, comparisons written with > and >=, tests
// against true, false and null written as the test, not (a = b) as a != b,
// double negation folded, and the operands of and / or in text order.
func normExpr(e allium.Expr) allium.Expr {
	switch x := e.(type) {
	case *allium.Member:
		x.X = normExpr(x.X)
	case *allium.Call:
		x.Fun = normExpr(x.Fun)
		if id, ok := x.Fun.(*allium.Ident); ok && spellings[id.Name] != "" {
			x.Fun = &allium.Ident{ExprPos: id.ExprPos, Name: spellings[id.Name]}
		}
		created := false
		if m, ok := x.Fun.(*allium.Member); ok && m.Name == "created" {
			created = true
		}
		if id, ok := x.Fun.(*allium.Ident); ok && (id.Name == "hash" || id.Name == "length") {
			// The hash of a password trimmed first stores the same
			// password, and a bound on its length bounds the same input:
			// hash(trim(p)) is hash(p), length(trim(p)) is length(p), as
			// a value stored lower-cased is the same value (CTFd strips
			// the password it checks and hashes, auth.py:143, 253;
			// flask-base does not).
			created = true
		}
		for i := range x.Args {
			x.Args[i].Value = normExpr(x.Args[i].Value)
			if created {
				// A value stored lower-cased is the same value.
				x.Args[i].Value = stripNormalizer(x.Args[i].Value)
			}
		}
		sort.SliceStable(x.Args, func(i, j int) bool {
			a, b := x.Args[i], x.Args[j]
			if (a.Name == "") != (b.Name == "") {
				return a.Name == ""
			}
			return a.Name != "" && a.Name < b.Name
		})
	case *allium.Lambda:
		x.Body = normExpr(x.Body)
	case *allium.Join:
		for i := range x.Fields {
			f := &x.Fields[i]
			f.Value = stripNormalizer(normExpr(f.Value))
			if id, ok := f.Value.(*allium.Ident); ok && id.Name == f.Name {
				f.Value = nil
			}
		}
		sort.SliceStable(x.Fields, func(i, j int) bool { return x.Fields[i].Name < x.Fields[j].Name })
	case *allium.Binary:
		x.X, x.Y = normExpr(x.X), normExpr(x.Y)
		return normBinary(x)
	case *allium.Unary:
		x.X = normExpr(x.X)
		return normNot(x)
	case *allium.Where:
		x.X, x.Cond = normExpr(x.X), normExpr(x.Cond)
	case *allium.SetLit:
		for i := range x.Elems {
			x.Elems[i] = normExpr(x.Elems[i])
		}
	case *allium.ListLit:
		for i := range x.Elems {
			x.Elems[i] = normExpr(x.Elems[i])
		}
	case *allium.ObjectLit:
		for i := range x.Fields {
			x.Fields[i].Value = normExpr(x.Fields[i].Value)
		}
	case *allium.IfExpr:
		for i := range x.Branches {
			x.Branches[i].Cond = normExpr(x.Branches[i].Cond)
			x.Branches[i].Then = normExpr(x.Branches[i].Then)
		}
		x.Else = normExpr(x.Else)
	case *allium.Duration:
		return normDuration(x)
	}
	return e
}

// durationUnits are the units a duration is written in, with their
// length in seconds, longest first; a number of weeks reads as days.
var durationUnits = []struct {
	name string
	secs int64
}{{"week", 604800}, {"day", 86400}, {"hour", 3600}, {"minute", 60}, {"second", 1}}

// normDuration writes a whole number of seconds, minutes, hours, days or
// weeks in the longest unit up to days that divides it, singular for one:
// 24.hours and 1.days read as 1.day, 60.minutes as 1.hour, 2.weeks as
// 14.days. A fraction or another unit stays as written.
func normDuration(d *allium.Duration) allium.Expr {
	n, err := strconv.ParseInt(d.Value, 10, 64)
	unit := strings.TrimSuffix(d.Unit, "s")
	var secs int64
	for _, u := range durationUnits {
		if u.name == unit {
			secs = u.secs
		}
	}
	if err != nil || n < 0 || secs == 0 || n > math.MaxInt64/secs {
		return d
	}
	total := n * secs
	for _, u := range durationUnits[1:] {
		if total%u.secs == 0 {
			v := total / u.secs
			name := u.name
			if v != 1 {
				name += "s"
			}
			return &allium.Duration{ExprPos: d.ExprPos, Value: strconv.FormatInt(v, 10), Unit: name}
		}
	}
	return d
}

// stripNormalizer unwraps lower(x), strip(x) and the like.
func stripNormalizer(e allium.Expr) allium.Expr {
	for {
		c, ok := e.(*allium.Call)
		if !ok || len(c.Args) != 1 || c.Args[0].Name != "" {
			return e
		}
		id, ok := c.Fun.(*allium.Ident)
		if !ok || !normalizers[id.Name] {
			return e
		}
		e = c.Args[0].Value
	}
}

func normBinary(x *allium.Binary) allium.Expr {
	switch x.Op {
	case allium.OpLt:
		x.Op, x.X, x.Y = allium.OpGt, x.Y, x.X
	case allium.OpLe:
		x.Op, x.X, x.Y = allium.OpGe, x.Y, x.X
	case allium.OpAnd, allium.OpOr:
		// Commuted operands read alike: the chain is rebuilt, left to
		// right, from its operands in text order.
		ops := flatten(x, x.Op)
		sort.SliceStable(ops, func(i, j int) bool { return allium.ExprString(ops[i]) < allium.ExprString(ops[j]) })
		out := ops[0]
		for _, o := range ops[1:] {
			out = &allium.Binary{ExprPos: x.ExprPos, Op: x.Op, X: out, Y: o}
		}
		return out
	case allium.OpEq, allium.OpNe:
		if c := sizeTest(x); c != nil {
			return c
		}
		if c := joinIdentity(x); c != nil {
			return normBinary(c)
		}
		if isTestLit(x.X) && !isTestLit(x.Y) {
			x.X, x.Y = x.Y, x.X
		}
		lit, ok := x.Y.(*allium.Lit)
		if !ok {
			// a = b and b = a say the same.
			if allium.ExprString(x.Y) < allium.ExprString(x.X) {
				x.X, x.Y = x.Y, x.X
			}
			break
		}
		eq := x.Op == allium.OpEq
		switch {
		case lit.Kind == allium.LitBool && (lit.Text == "true") == eq:
			return x.X
		case lit.Kind == allium.LitBool:
			return normNot(&allium.Unary{ExprPos: x.ExprPos, Op: allium.OpNot, X: x.X})
		case lit.Kind == allium.LitNull && eq:
			return &allium.Unary{ExprPos: x.ExprPos, Op: allium.OpNot,
				X: &allium.Unary{ExprPos: x.ExprPos, Op: allium.OpExists, X: x.X}}
		case lit.Kind == allium.LitNull:
			return &allium.Unary{ExprPos: x.ExprPos, Op: allium.OpExists, X: x.X}
		}
	}
	return x
}

// joinIdentity writes a one-field lookup compared with a row as that
// row's field compared with the lookup's value: User{email} = user is
// user.email = email, since a lookup matches at most one entity (the
// language reference's join lookups), the one whose field holds the value.
// nil for any other comparison, and for a null or a lookup on the other
// side, which say something else (whether the lookup matched).
func joinIdentity(x *allium.Binary) *allium.Binary {
	j, row := x.X, x.Y
	if _, ok := j.(*allium.Join); !ok {
		j, row = row, j
	}
	join, ok := j.(*allium.Join)
	if !ok || len(join.Fields) != 1 {
		return nil
	}
	switch row.(type) {
	case *allium.Lit, *allium.Join:
		return nil
	}
	f := join.Fields[0]
	val := f.Value
	if val == nil {
		val = &allium.Ident{ExprPos: join.ExprPos, Name: f.Name}
	}
	return &allium.Binary{ExprPos: x.ExprPos, Op: x.Op, X: &allium.Member{ExprPos: join.ExprPos, X: row, Name: f.Name}, Y: val}
}

// sizeTest writes a size compared with zero by != as > (length(p) != 0 is
// length(p) > 0): a length or a count is never negative, so the two hold
// for the same values. nil for any other comparison.
func sizeTest(x *allium.Binary) allium.Expr {
	if x.Op != allium.OpNe {
		return nil
	}
	size, zero := x.X, x.Y
	if isZero(size) {
		size, zero = zero, size
	}
	if !isZero(zero) || !isSize(size) {
		return nil
	}
	x.Op, x.X, x.Y = allium.OpGt, size, zero
	return x
}

func isZero(e allium.Expr) bool {
	l, ok := e.(*allium.Lit)
	return ok && l.Kind == allium.LitNumber && l.Text == "0"
}

// isSize reports a length(...) call or a .count.
func isSize(e allium.Expr) bool {
	switch v := e.(type) {
	case *allium.Call:
		id, ok := v.Fun.(*allium.Ident)
		return ok && id.Name == "length" && len(v.Args) == 1
	case *allium.Member:
		return v.Name == "count"
	}
	return false
}

func flatten(e allium.Expr, op string) []allium.Expr {
	if b, ok := e.(*allium.Binary); ok && b.Op == op {
		return append(flatten(b.X, op), flatten(b.Y, op)...)
	}
	return []allium.Expr{e}
}

func isTestLit(e allium.Expr) bool {
	l, ok := e.(*allium.Lit)
	return ok && (l.Kind == allium.LitBool || l.Kind == allium.LitNull)
}

// normNot folds not not x and writes not (a = b) as a != b.
func normNot(x *allium.Unary) allium.Expr {
	if x.Op != allium.OpNot {
		return x
	}
	switch in := x.X.(type) {
	case *allium.Unary:
		if in.Op == allium.OpNot {
			return in.X
		}
	case *allium.Binary:
		switch in.Op {
		case allium.OpEq:
			in.Op = allium.OpNe
			if c := sizeTest(in); c != nil {
				return c
			}
			return in
		case allium.OpNe:
			in.Op = allium.OpEq
			return in
		case allium.OpOr, allium.OpAnd:
			// not (a or b) is not a and not b (and the dual): the
			// negation goes in, so that a spec writing either form
			// (warehouse's expected can_reset_password: not (is_superuser
			// or ...), distill's not is_superuser and not ...) reads alike.
			dual := allium.OpAnd
			if in.Op == allium.OpAnd {
				dual = allium.OpOr
			}
			parts := flatten(in, in.Op)
			out := normNot(&allium.Unary{ExprPos: x.ExprPos, Op: allium.OpNot, X: parts[0]})
			for _, p := range parts[1:] {
				out = &allium.Binary{ExprPos: x.ExprPos, Op: dual, X: out, Y: normNot(&allium.Unary{ExprPos: x.ExprPos, Op: allium.OpNot, X: p})}
			}
			if b, ok := out.(*allium.Binary); ok {
				return normBinary(b)
			}
			return out
		case allium.OpGe, allium.OpGt, allium.OpLt, allium.OpLe:
			// not now >= t.expires is t.expires > now: an ordering
			// negated is the converse one, then put in the usual form.
			in.Op = map[string]string{allium.OpGe: allium.OpLt, allium.OpGt: allium.OpLe, allium.OpLt: allium.OpGe, allium.OpLe: allium.OpGt}[in.Op]
			return normBinary(in)
		}
	}
	return x
}

// conjuncts splits a condition at its top-level ands.
func conjuncts(e allium.Expr) []allium.Expr {
	return flatten(e, allium.OpAnd)
}

// typeEnv tells the entity type of a rule's bindings where it can be known:
// an entity trigger's binding, a let bound to a lookup or a creation, a name
// that is the snake_case of an entity (user: User), and x.f where x's type
// is known and f refers to an entity.
type typeEnv struct {
	names    map[string]string
	entities map[string]map[string]string // entity -> field -> entity type of the field
	bySnake  map[string]string
}

func newTypeEnv(m *allium.Module) *typeEnv {
	env := &typeEnv{names: map[string]string{}, entities: map[string]map[string]string{}, bySnake: map[string]string{}}
	for _, e := range append(append([]*allium.Entity{}, m.Externals...), m.Entities...) {
		fields := map[string]string{}
		for _, mem := range e.Members {
			switch x := mem.(type) {
			case *allium.Field:
				if x.Type != nil && startsUpper(x.Type.Name) && !builtinTypes[x.Type.Name] {
					fields[x.Name] = x.Type.Name
				}
			case *allium.Relationship:
				fields[x.Name] = x.Entity
			}
		}
		env.entities[e.Name] = fields
		env.bySnake[snakeName(e.Name)] = e.Name
	}
	return env
}

// forRule returns the environment extended with the rule's bindings.
func (env *typeEnv) forRule(r *allium.Rule) *typeEnv {
	out := &typeEnv{names: map[string]string{}, entities: env.entities, bySnake: env.bySnake}
	if t := r.Trigger; t != nil && t.Kind != allium.TriggerExternal && t.Binding != "" {
		out.names[t.Binding] = t.Entity()
	}
	allium.WalkStmts(r.Body, func(s allium.Stmt) bool {
		if l, ok := s.(*allium.Let); ok {
			if t := out.typeOf(l.Value); t != "" {
				out.names[l.Name] = t
			}
		}
		return true
	})
	return out
}

func (env *typeEnv) typeOf(e allium.Expr) string {
	switch x := e.(type) {
	case *allium.Ident:
		if t, ok := env.names[x.Name]; ok {
			return t
		}
		return env.bySnake[x.Name]
	case *allium.Join:
		return x.Entity
	case *allium.Call:
		if m, ok := x.Fun.(*allium.Member); ok && m.Name == "created" {
			return allium.RootIdent(m.X)
		}
	case *allium.Member:
		if owner := env.typeOf(x.X); owner != "" {
			return env.entities[owner][x.Name]
		}
		return env.bySnake[x.Name]
	case *allium.Where:
		return env.typeOf(x.X)
	case *allium.Binary:
		if x.Op == allium.OpCoalesce {
			return env.typeOf(x.X)
		}
	}
	return ""
}

// effects lists what an ensures statement does, twice: primary effects
// name the field set (".field"), the entity created or removed, the
// trigger emitted; details add what is known beyond that (the entity whose
// field is set, the enum literals a creation is given: the email's
// template).
func (env *typeEnv) effects(s allium.Stmt, primary, detail map[string]bool) {
	allium.WalkStmts([]allium.Stmt{s}, func(st allium.Stmt) bool {
		switch x := st.(type) {
		case *allium.Assign:
			if m, ok := x.Target.(*allium.Member); ok {
				primary["set ."+m.Name] = true
				if t := env.typeOf(m.X); t != "" {
					detail["set "+t+"."+m.Name] = true
				}
			} else {
				primary["set "+allium.ExprString(x.Target)] = true
			}
		case *allium.Let:
			env.exprEffects(x.Value, primary, detail)
		case *allium.ExprStmt:
			env.exprEffects(x.X, primary, detail)
		}
		return true
	})
}

func (env *typeEnv) exprEffects(e allium.Expr, primary, detail map[string]bool) {
	switch x := e.(type) {
	case *allium.Call:
		switch f := x.Fun.(type) {
		case *allium.Member:
			if f.Name == "created" {
				t := allium.RootIdent(f.X)
				primary["create "+t] = true
				for _, a := range x.Args {
					if id, ok := a.Value.(*allium.Ident); ok && a.Name != "" {
						detail["create "+t+"."+a.Name+"="+id.Name] = true
					}
				}
				return
			}
			primary["call ."+f.Name] = true
		case *allium.Ident:
			if startsUpper(f.Name) {
				primary["emit "+f.Name] = true
			} else {
				primary["call "+f.Name] = true
			}
		}
	case *allium.Unary:
		if x.Op == allium.OpNot {
			if in, ok := x.X.(*allium.Unary); ok && in.Op == allium.OpExists {
				t := env.typeOf(in.X)
				if t == "" {
					t = "?"
				}
				primary["remove "+t] = true
			}
		}
	}
}

// freeNames lists the lower-case bare names a statement reads that it does
// not bind itself (for variables, lambda parameters and lets of an ensures
// block are its own), in order of first use. Join shorthand fields count as
// reads of the name.
func freeNames(s allium.Stmt) []string {
	var out []string
	seen := map[string]bool{}
	var walk func(list []allium.Stmt, bound map[string]bool)
	use := func(e allium.Expr, bound map[string]bool) {
		var visit func(e allium.Expr, bound map[string]bool)
		visit = func(e allium.Expr, bound map[string]bool) {
			allium.Inspect(e, func(x allium.Expr) bool {
				switch y := x.(type) {
				case *allium.Ident:
					n := y.Name
					if n != "" && !startsUpper(n) && !bound[n] && !seen[n] && !keywords[n] {
						seen[n] = true
						out = append(out, n)
					}
				case *allium.Lambda:
					inner := copyBound(bound)
					inner[y.Param] = true
					visit(y.Body, inner)
					return false
				case *allium.Join:
					for _, f := range y.Fields {
						if f.Value == nil && !bound[f.Name] && !seen[f.Name] {
							seen[f.Name] = true
							out = append(out, f.Name)
						}
					}
				case *allium.Member:
					// Only the root of a navigation is a name.
					visit(y.X, bound)
					return false
				case *allium.Call:
					if _, ok := y.Fun.(*allium.Ident); !ok {
						visit(y.Fun, bound)
					}
					for _, a := range y.Args {
						visit(a.Value, bound)
					}
					return false
				case *allium.Where:
					// A where condition reads the fields of the elements.
					visit(y.X, bound)
					return false
				}
				return true
			})
		}
		visit(e, bound)
	}
	walk = func(list []allium.Stmt, bound map[string]bool) {
		for _, st := range list {
			switch x := st.(type) {
			case *allium.Let:
				use(x.Value, bound)
				bound[x.Name] = true
			case *allium.Requires:
				use(x.Cond, bound)
			case *allium.Ensures:
				walk(x.Body, copyBound(bound))
			case *allium.For:
				use(x.Coll, bound)
				inner := copyBound(bound)
				inner[x.Var] = true
				walk(x.Body, inner)
			case *allium.If:
				for _, b := range x.Branches {
					use(b.Cond, bound)
					walk(b.Body, copyBound(bound))
				}
				walk(x.Else, copyBound(bound))
			case *allium.Assign:
				use(x.Target, bound)
				use(x.Value, bound)
			case *allium.ExprStmt:
				use(x.X, bound)
			}
		}
	}
	walk([]allium.Stmt{s}, map[string]bool{})
	return out
}

var keywords = map[string]bool{"now": true, "this": true, "within": true, "config": true, "true": true, "false": true, "null": true}

func copyBound(m map[string]bool) map[string]bool {
	out := make(map[string]bool, len(m)+1)
	for k, v := range m {
		out[k] = v
	}
	return out
}

// sortedKeys returns a set's members in order.
func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// joinAnd rebuilds a condition from conjuncts, left to right.
func joinAnd(parts []allium.Expr) allium.Expr {
	out := parts[0]
	for _, p := range parts[1:] {
		out = &allium.Binary{Op: allium.OpAnd, X: out, Y: p}
	}
	return out
}

// lowerFirst reports whether a name starts lower case (a binding, not a
// type).
func lowerFirst(s string) bool { return s != "" && strings.ToLower(s[:1]) == s[:1] }

// NormalForm rewrites an expression, in place, into the normal form
// clauses are matched on (see normExpr); internal/score reads clauses the
// same way.
func NormalForm(e allium.Expr) allium.Expr { return normExpr(e) }

// Conjuncts splits a conjunction into its parts, in the normal form's
// order.
func Conjuncts(e allium.Expr) []allium.Expr { return conjuncts(e) }

// Disjuncts splits a disjunction at its top-level ors.
func Disjuncts(e allium.Expr) []allium.Expr { return flatten(e, allium.OpOr) }
