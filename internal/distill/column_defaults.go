package distill

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// Column defaults the ORM fills in when a row is created: a Boolean
// default (`mapped_column(default=False)`, `BooleanField(default=True)`)
// and a clock default (`default=datetime.utcnow`, `default=func.now()`,
// `default_factory=lambda: datetime.now(UTC)`, Django's
// `auto_now_add=True`). A creation that does not give such a field states
// the value the row gets (User.created(..., is_deleted: false, created_at:
// now)). Defaults the database fills in (server_default) are left out: the
// code never says what the row holds, and a spec reading the schema would
// be guessing at the migration.

// columnDefault returns the value a column call gives a new row, or nil.
func (b *builder) columnDefault(call *facts.Expr) allium.Expr {
	if call == nil || call.Kind != facts.ExprCall {
		return nil
	}
	for _, k := range []string{"default", "default_factory", "insert_default"} {
		kw := call.Keyword(k)
		if kw == nil {
			continue
		}
		if kw.Kind == facts.ExprBool && (kw.Value() == "true" || kw.Value() == "false") {
			return &allium.Lit{Kind: allium.LitBool, Text: kw.Value()}
		}
		if n := numberDefault(kw); n != nil {
			return n
		}
		if b.isClockRef(kw) {
			return &allium.Ident{Name: "now"}
		}
	}
	if keywordTrue(call, "auto_now_add") {
		return &allium.Ident{Name: "now"}
	}
	return nil
}

// numberDefault is a number literal a column defaults to
// (IntegerField(default=0), mapped_column(default=0), Column(Integer,
// default=-1)), or nil: a counter or limit a new row starts at is as much
// the row's state as a flag's default.
func numberDefault(e *facts.Expr) allium.Expr {
	neg := ""
	if e.Kind == facts.ExprUnary && e.Op() == "-" && e.X != nil {
		neg, e = "-", e.X
	}
	switch e.Kind {
	case facts.ExprInt:
		// 0x1F and 1_000 as the spec writes numbers: in decimal.
		n, err := strconv.ParseInt(e.Value(), 0, 64)
		if err != nil {
			return nil
		}
		return &allium.Lit{Kind: allium.LitNumber, Text: neg + strconv.FormatInt(n, 10)}
	case facts.ExprFloat:
		f, err := strconv.ParseFloat(strings.ReplaceAll(e.Value(), "_", ""), 64)
		if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
			return nil
		}
		text := strconv.FormatFloat(f, 'f', -1, 64)
		if !strings.Contains(text, ".") {
			text += ".0" // 1.0 stays a decimal
		}
		return &allium.Lit{Kind: allium.LitNumber, Text: neg + text}
	}
	return nil
}

// columnDefaultFunc returns the function a column call names as its
// default (default=get_expires_at, not called), or nil; whether it is one
// of the service's is known only where a rule creates the row.
func (b *builder) columnDefaultFunc(call *facts.Expr) *facts.Expr {
	for _, k := range []string{"default", "default_factory", "insert_default"} {
		if kw := call.Keyword(k); kw != nil && (kw.Kind == facts.ExprName || kw.Kind == facts.ExprAttr) {
			return kw
		}
	}
	return nil
}

// defaultFromFunc is the value a service function of no arguments gives a
// new row (def get_expires_at(): return utc_now() + timedelta(seconds=
// settings.EMAIL_VERIFICATION_TTL_SECONDS) -> now + config.email_verification_ttl),
// or nil when it is not the service's, takes arguments, is more than one
// return (a default with effects is not a value the row gets) or computes
// nothing the spec can state.
func (rc *ruleCtx) defaultFromFunc(f *fieldInfo) allium.Expr {
	if f.dfltFn == nil || f.dfltFile == nil {
		return nil
	}
	fr := rc.b.ix.function(f.dfltFile, f.dfltFn)
	if fr == nil || fr.class != nil || len(fr.fn.Params) > 0 {
		return nil
	}
	if body := withoutDocstring(fr.fn.Body()); len(body) != 1 || body[0].Kind != facts.StmtReturn || body[0].Value == nil {
		return nil
	}
	call := deferredCall(f.dfltFn, nil, nil, f.line)
	sc := &scope{file: f.dfltFile, vars: map[string]*value{}}
	var out []allium.Stmt
	v := rc.inline(fr, nil, call, sc, &out)
	if len(out) > 0 || v == nil || v.kind != vExpr {
		return nil
	}
	return v.expr
}

// isClockRef reports whether e reads the clock when called or evaluated:
// datetime.utcnow (the function), func.now() (SQLAlchemy's SQL function,
// evaluated at insert), or a lambda whose body calls the clock.
func (b *builder) isClockRef(e *facts.Expr) bool {
	l := b.lang
	switch e.Kind {
	case facts.ExprName, facts.ExprAttr:
		return catalog.MatchAny(l.ClockCalls, e.Resolved(), e.Raw())
	case facts.ExprCall:
		return e.X != nil && catalog.MatchAny(l.ClockCalls, e.Resolved(), e.Raw(), e.X.Resolved(), e.X.Raw())
	case facts.ExprLambda:
		body := e.Text()
		if i := strings.Index(body, ":"); i >= 0 {
			body = strings.TrimSpace(body[i+1:])
		}
		// Only a lambda that is the clock call and nothing more
		// (`lambda: datetime.now(UTC)`, not `lambda: utcnow() + delta`).
		i := strings.Index(body, "(")
		if i <= 0 || closingParen(body, i) != len(body)-1 {
			return false
		}
		return catalog.Match(l.ClockCalls, strings.TrimSpace(body[:i]))
	}
	return false
}

// withColumnDefaults adds to a creation's arguments the defaults of the
// entity's fields it does not give.
func (rc *ruleCtx) withColumnDefaults(ent string, args []allium.Arg) []allium.Arg {
	e := rc.b.entByName[ent]
	if e == nil {
		return args
	}
	given := map[string]bool{}
	for _, a := range args {
		given[a.Name] = true
	}
	// By name, not declaration order: two services whose models declare
	// the same defaults in another order state one creation.
	fields := slices.Clone(e.fields)
	slices.SortStableFunc(fields, func(a, b *fieldInfo) int { return strings.Compare(a.name, b.name) })
	for _, f := range fields {
		if f.drop || f.dflt == nil && f.dfltFn == nil || given[f.name] || hiddenField(f) {
			// Bookkeeping (updated_at, is_superuser) is left out, as a
			// constructor keyword setting it is.
			continue
		}
		if rc.b.setOnSave(e, f.attr) {
			// The model's own save sets it for a new row: the default
			// is not what the row gets.
			continue
		}
		v := f.dflt
		if v == nil {
			if v = rc.defaultFromFunc(f); v == nil {
				continue
			}
		} else {
			v = freshDefault(v)
		}
		given[f.name] = true
		args = append(args, allium.Arg{Name: f.name, Value: v})
	}
	return args
}

// setOnSave reports a save method of the entity's model (catalog
// shapes.save_methods, its own or an ancestor's) that assigns self.attr
// anywhere in its body: plane's Issue.save numbers a new issue
// (self.sequence_id = last_sequence + 1 if last_sequence else 1,
// plane/db/models/issue.py:199) over the column's default=1.
func (b *builder) setOnSave(e *entityInfo, attr string) bool {
	if e.ref == nil || e.ref.class == nil || attr == "" {
		return false
	}
	for _, m := range b.lang.Shapes.SaveMethods {
		fr := b.ix.method(e.ref, m)
		if fr == nil || fr.fn == nil {
			continue
		}
		assigns := false
		facts.Walk(fr.fn.Body(), func(s *facts.Stmt) bool {
			if s.Kind != facts.StmtAssign && s.Kind != facts.StmtAugAssign {
				return true
			}
			for i := range s.Targets {
				t := &s.Targets[i]
				if t.Kind == facts.ExprAttr && t.Name() == attr && t.X != nil && t.X.Kind == facts.ExprName && t.X.Name() == "self" {
					assigns = true
				}
			}
			return !assigns
		})
		if assigns {
			return true
		}
	}
	return false
}

// freshDefault copies a default's value (a literal or `now`), so that no
// two creations share one node.
func freshDefault(x allium.Expr) allium.Expr {
	switch v := x.(type) {
	case *allium.Lit:
		c := *v
		return &c
	case *allium.Ident:
		c := *v
		return &c
	}
	return x
}

// closingParen returns the index of the parenthesis closing the one at
// open, or -1.
func closingParen(s string, open int) int {
	depth := 0
	for i := open; i < len(s); i++ {
		switch s[i] {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

// sameUserCreation reports whether o creates what st does for the same
// user: a session row the service records (with its defaults) and the
// sign-in that row stands for are one creation.
func sameUserCreation(o, st allium.Stmt) bool {
	if allium.PrintConstruct(o) == allium.PrintConstruct(st) {
		return true
	}
	oc, ok1 := creationCall(o)
	sc, ok2 := creationCall(st)
	if !ok1 || !ok2 || allium.ExprString(oc.Fun) != allium.ExprString(sc.Fun) {
		return false
	}
	user := func(c *allium.Call) string {
		for _, a := range c.Args {
			if a.Name == "user" {
				return allium.ExprString(a.Value)
			}
		}
		return ""
	}
	return user(oc) != "" && user(oc) == user(sc)
}

func creationCall(s allium.Stmt) (*allium.Call, bool) {
	es, ok := s.(*allium.ExprStmt)
	if !ok {
		return nil, false
	}
	c, ok := es.X.(*allium.Call)
	if !ok {
		return nil, false
	}
	m, ok := c.Fun.(*allium.Member)
	return c, ok && m.Name == "created"
}

// declaresDefault reports a column call that gives the column a default
// by keyword, whatever its kind: CharField(default="UTC"),
// default_factory=..., insert_default=..., server_default=... .
func declaresDefault(call *facts.Expr) bool {
	if call == nil || call.Kind != facts.ExprCall {
		return false
	}
	for _, k := range []string{"default", "default_factory", "insert_default", "server_default", "db_default"} {
		if kw := call.Keyword(k); kw != nil && kw.Kind != facts.ExprNone {
			return true
		}
	}
	return false
}
