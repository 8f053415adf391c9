package distill

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// columnFactory is the column a call of a service helper declares when the
// helper returns a column call: with
//
//	def reference_col(tablename, nullable=False, pk_name="id", **kwargs):
//	    return db.Column(db.ForeignKey("{0}.{1}".format(tablename, pk_name)), nullable=nullable, **kwargs)
//
// `user_id = reference_col("users", nullable=False)` is
// `db.Column(db.ForeignKey("users.id"), nullable=False)`: the helper's
// parameters are replaced by the call's arguments (or their defaults)
// wherever the returned call names them as an argument or keyword, and a
// string the returned call formats from them (str.format with positional
// fields) is formatted. nil when call is no such helper's.
func (b *builder) columnFactory(f *facts.File, call *facts.Expr) *facts.Expr {
	if call == nil || call.Kind != facts.ExprCall || catalog.MatchAny(b.lang.ColumnCalls, call.Resolved(), call.Raw()) {
		return nil
	}
	fr := b.ix.function(f, call)
	if fr == nil || len(fr.fn.Body()) == 0 {
		return nil
	}
	last := fr.fn.Body()[len(fr.fn.Body())-1]
	ret := last.Value
	if last.Kind != facts.StmtReturn || ret == nil || ret.Kind != facts.ExprCall || !catalog.MatchAny(b.lang.ColumnCalls, ret.Resolved(), ret.Raw()) {
		return nil
	}
	binds, rest := initBindings(fr.fn.Params, call)
	col := *ret
	args := make([]facts.Expr, len(ret.Args()))
	for i := range ret.Args() {
		args[i] = substituteArg(&ret.Args()[i], binds, b.lang.ForeignKeyCalls)
	}
	col.SetArgs(args)
	var kws []facts.Keyword
	for _, kw := range ret.Keywords() {
		if kw.Name == "**" {
			kws = append(kws, rest...) // the caller's other options pass through
			continue
		}
		kws = append(kws, facts.Keyword{Name: kw.Name, Value: substituteArg(&kw.Value, binds, b.lang.ForeignKeyCalls)})
	}
	col.SetKeywords(kws)
	return &col
}

// substituteArg is arg with a helper's parameter replaced by its binding,
// and a foreign key call's formatted target formatted.
func substituteArg(arg *facts.Expr, binds map[string]*facts.Expr, fkCalls []string) facts.Expr {
	if arg.Kind == facts.ExprName {
		if v := binds[arg.Name()]; v != nil {
			return *v
		}
		return *arg
	}
	if arg.Kind != facts.ExprCall || !catalog.MatchAny(fkCalls, arg.Resolved(), arg.Raw()) || len(arg.Args()) == 0 {
		return *arg
	}
	target, ok := formatted(&arg.Args()[0], binds)
	if !ok {
		return *arg
	}
	fk := *arg
	args := append([]facts.Expr{facts.NewExpr(facts.ExprSpec{Kind: facts.ExprString, Value: target, Raw: strconv.Quote(target), Line: arg.Line()})}, arg.Args()[1:]...)
	fk.SetArgs(args)
	return fk
}

var formatField = regexp.MustCompile(`\{(\d*)\}`)

// formatted is the text of "{0}.{1}".format(a, b) (or "{}.{}") with its arguments bound
// to string literals, or of a bound parameter holding one.
func formatted(e *facts.Expr, binds map[string]*facts.Expr) (string, bool) {
	if e.Kind == facts.ExprName && binds[e.Name()] != nil {
		e = binds[e.Name()]
	}
	if e.Kind == facts.ExprString {
		return e.Value(), true
	}
	if e.Kind != facts.ExprCall || e.Method() != "format" || e.X == nil || e.X.X == nil || e.X.X.Kind != facts.ExprString {
		return "", false
	}
	var vals []string
	for i := range e.Args() {
		v, ok := formatted(&e.Args()[i], binds)
		if !ok {
			return "", false
		}
		vals = append(vals, v)
	}
	ok, next := true, 0
	out := formatField.ReplaceAllStringFunc(e.X.X.Value(), func(m string) string {
		i := next // "{}" takes the next argument
		if m != "{}" {
			i, _ = strconv.Atoi(m[1 : len(m)-1])
		}
		next++
		if i >= len(vals) {
			ok = false
			return m
		}
		return vals[i]
	})
	// A named field ("{table}") or an escaped brace is not read.
	return out, ok && !strings.ContainsAny(out, "{}")
}
