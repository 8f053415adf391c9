package distill

import (
	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// Code that works for any user model picks fields by name:
//
//	EMAIL_FIELD = UserModel.EMAIL_FIELD
//	primary = getattr(self.user, EMAIL_FIELD)
//	setattr(self.user, EMAIL_FIELD, self.secondary_email)
//
// A model attribute the catalog knows to name a field reads as that
// field's name, and getattr/setattr with a name the walk knows read and
// write the attribute as obj.field would.

// fieldNameAttr reads Model.EMAIL_FIELD as the name of the field it
// stands for, when the model has that field.
func (rc *ruleCtx) fieldNameAttr(x *value, attr string) *value {
	name, ok := rc.b.lang.FieldNameAttrs[attr]
	if !ok {
		return nil
	}
	if ent := rc.b.entByName[x.ent]; ent == nil || ent.attrs[name] == nil {
		return nil
	}
	return exprValue(&allium.Lit{Kind: allium.LitString, Text: name})
}

// knownName is the attribute or key name x stands for: a string literal,
// or an expression the walk reads as one (UserModel.EMAIL_FIELD). It
// reports false for anything else.
func (rc *ruleCtx) knownName(x *facts.Expr, sc *scope) (string, bool) {
	if x.Kind == facts.ExprString {
		return x.Value(), true
	}
	// Only a name or attribute is read: evaluating a call here could
	// count or touch what the rule does.
	if x.Kind != facts.ExprName && x.Kind != facts.ExprAttr {
		return "", false
	}
	var scratch []allium.Stmt
	n := rc.eval(x, sc, &scratch, false)
	lit, ok := n.expr.(*allium.Lit)
	if n.kind != vExpr || !ok || lit.Kind != allium.LitString {
		return "", false
	}
	return lit.Text, true
}

// constantText is the text of a module constant x names, when it holds a
// string literal. An attribute name kept in one (getattr(user,
// UNTRUSTED_CLIENT_SESSION_ID_USER_ATTR, None), baserow's api/sessions.py:
// 13, 51) is that attribute, not the config parameter a constant read as a
// value becomes.
func (rc *ruleCtx) constantText(x *facts.Expr, sc *scope) (string, bool) {
	if x.Kind != facts.ExprName || sc.vars[x.Name()] != nil {
		return "", false
	}
	c := rc.b.ix.constant(sc.file, x)
	if c == nil || c.as.Value == nil || c.as.Value.Kind != facts.ExprString {
		return "", false
	}
	return c.as.Value.Value(), true
}

// attrCall reads getattr(obj, name[, default]) and setattr(obj, name, v)
// whose name the walk knows as obj.name and obj.name = v. It reports
// false for any other call.
func (rc *ruleCtx) attrCall(e *facts.Expr, method string, sc *scope, out *[]allium.Stmt) (*value, bool) {
	l := rc.b.lang
	if method != "" || len(e.Args()) < 2 {
		return nil, false
	}
	names := []string{e.Resolved(), e.Raw()}
	get := catalog.MatchAny(l.AttrGetCalls, names...)
	set := catalog.MatchAny(l.AttrSetCalls, names...) && len(e.Args()) == 3
	if !get && !set {
		return nil, false
	}
	name, ok := rc.constantText(&e.Args()[1], sc)
	if !ok {
		name, ok = rc.knownName(&e.Args()[1], sc)
	}
	if !ok || !isSnake(name) {
		return nil, false
	}
	target := facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprAttr, X: &e.Args()[0], Name: name, Line: e.Line()})
	if get {
		return rc.eval(target, sc, out, false), true
	}
	rc.assign(target, &e.Args()[2], sc, out, e.Line())
	return &value{kind: vPlumbing}, true
}

// expandKeywordDict rewrites a call that spreads a dict literal into its
// keywords (f(**{UserModel.EMAIL_FIELD: email})) as the call with those
// keywords, when every key is a name the walk knows. It returns nil for
// any other call.
func (rc *ruleCtx) expandKeywordDict(e *facts.Expr, sc *scope, out *[]allium.Stmt) *facts.Expr {
	idx := -1
	for i, kw := range e.Keywords() {
		if kw.Name == "**" && kw.Value.Kind == facts.ExprDict {
			idx = i
			break
		}
	}
	if idx < 0 {
		return nil
	}
	var expanded []facts.Keyword
	for _, en := range e.Keywords()[idx].Value.Entries() {
		if en.Key == nil {
			return nil
		}
		name := ""
		if en.Key.Kind == facts.ExprString {
			name = en.Key.Value()
		} else if t, ok := keyText(rc.eval(en.Key, sc, out, false)); ok {
			name = t
		}
		if !isSnake(name) {
			return nil
		}
		expanded = append(expanded, facts.Keyword{Name: name, Value: en.Value})
	}
	x := *e
	x.SetKeywords(append(append(append([]facts.Keyword(nil), e.Keywords()[:idx]...), expanded...), e.Keywords()[idx+1:]...))
	return &x
}
