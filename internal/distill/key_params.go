package distill

import (
	"maps"
	"slices"
	"strings"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/facts"
)

// Key parameters: a handler input that only names one row by a unique
// field (PATCH /user/{username}: crud_users.get(username=username),
// update(..., username=username), `username != current_user.username`)
// stands for that row. The rule then takes the row itself as its
// parameter, as a person writing the spec would: `exists user`,
// `user = token.user`, `user.is_deleted = true`.

// keyParamName is the parameter name of a plain handler input: its
// binding name, or path_<name> when it is a route path segment
// (`/user/{username}`) and a request body of the same handler has a field
// of that name (values.username), which is another input.
func (b *builder) keyParamName(h *handler, p *facts.Param) string {
	n := bindingName(p.Name)
	if n == "" || !b.bodyHasField(h, p.Name) {
		return n
	}
	seg := "{" + p.Name + "}"
	for i := range h.fn.Decorators {
		d := &h.fn.Decorators[i]
		if d.Kind != facts.ExprCall {
			continue
		}
		for _, a := range d.Args() {
			if a.Kind == facts.ExprString && strings.Contains(a.Value(), seg) {
				return "path_" + n
			}
		}
	}
	return n
}

// bodyHasField reports a request-shape parameter of the handler with a
// field named name.
func (b *builder) bodyHasField(h *handler, name string) bool {
	for _, p := range h.fn.Params {
		if p.Annotation == nil {
			continue
		}
		cr := b.ix.class(h.file, p.Annotation)
		if cr == nil || b.shapes[cr.qual()] == nil {
			continue
		}
		for _, f := range cr.class.Fields {
			if f.Name == name {
				return true
			}
		}
	}
	return false
}

// keyRef is how a rule reads a key parameter: the entity and the unique
// field it names a row of.
type keyRef struct {
	ent, field string
}

// keyParamsAsRows makes each key parameter the row it names, when every
// use of it in the rule is one of: a lookup by it alone
// (User{username: p}), a change to the rows it selects
// (for u in Users where username = p: ...), or a comparison with another
// row's key (p = token.user.username). The field must be unique, so that
// these say the same of the row.
func (rc *ruleCtx) keyParamsAsRows() {
	if rc.trigger != nil || len(rc.paths) > 0 || len(rc.keyParams) == 0 {
		return
	}
	for _, p := range slices.Clone(rc.params) {
		if !rc.keyParams[p] {
			continue
		}
		ref, ok := rc.keyUses(p)
		if !ok || rc.rowMayBeAbsent(p, ref.ent) {
			continue
		}
		row := rc.rowParamName(p, ref.ent)
		if row == "" {
			continue
		}
		rc.rowForKey(p, row, ref)
	}
}

// keyRowLets are the rule's lets bound to the lookup of an ent row by
// the key p alone (let db_user = User{username}).
func (rc *ruleCtx) keyRowLets(p, ent string) map[string]bool {
	rowLets := map[string]bool{}
	for _, s := range rc.body {
		if l, ok := s.(*allium.Let); ok {
			if j, ok := l.Value.(*allium.Join); ok && j.Entity == ent {
				if _, key := keyJoin(j, p); key {
					rowLets[l.Name] = true
				}
			}
		}
	}
	return rowLets
}

// rowMayBeAbsent reports a rule whose outcomes depend on whether the row
// the key names exists (fastapi-full-stack's recover_password: if user:
// send the link, and the same answer either way): the caller names an
// address, which may belong to no one, not a row, so the key stays the
// input and the rule looks the row up.
func (rc *ruleCtx) rowMayBeAbsent(p, ent string) bool {
	rowLets := rc.keyRowLets(p, ent)
	isRow := func(x allium.Expr) bool {
		if id, ok := x.(*allium.Ident); ok {
			return rowLets[id.Name]
		}
		j, ok := x.(*allium.Join)
		if !ok || j.Entity != ent {
			return false
		}
		_, key := keyJoin(j, p)
		return key
	}
	tested := false
	allium.WalkStmts(rc.ensures, func(s allium.Stmt) bool {
		ifs, ok := s.(*allium.If)
		if !ok {
			return true
		}
		for _, br := range ifs.Branches {
			allium.Inspect(br.Cond, func(x allium.Expr) bool {
				if u, ok := x.(*allium.Unary); ok && u.Op == allium.OpExists && isRow(u.X) {
					tested = true
				}
				return !tested
			})
		}
		return !tested
	})
	return tested
}

// keyUses checks every use of p and answers the row it names.
func (rc *ruleCtx) keyUses(p string) (keyRef, bool) {
	var ref keyRef
	ok, seen := true, false
	agree := func(ent, field string) {
		if ref.ent == "" {
			ref = keyRef{ent, field}
		} else if ref != (keyRef{ent, field}) {
			ok = false
		}
		seen = true
	}
	var visit func(e allium.Expr)
	visit = func(e allium.Expr) {
		allium.Inspect(e, func(x allium.Expr) bool {
			switch y := x.(type) {
			case *allium.Ident:
				if y.Name == p {
					ok = false // read as a value
				}
			case *allium.Join:
				if f, ok1 := keyJoin(y, p); ok1 {
					agree(y.Entity, f)
					return false
				}
				for _, jf := range y.Fields {
					if jf.Value == nil && jf.Name == p {
						ok = false // E{p, other}: one key of several
					}
				}
			case *allium.Binary:
				if y.Op == allium.OpEq || y.Op == allium.OpNe {
					if _, f, ok1 := keyCompare(y, p); ok1 {
						if ref.field != "" && ref.field != f {
							ok = false
						}
						seen = true
						return false
					}
				}
			}
			return true
		})
	}
	allium.WalkStmts(append(slices.Clone(rc.body), rc.ensures...), func(s allium.Stmt) bool {
		if f, ok1 := s.(*allium.For); ok1 {
			if ent, field, ok2 := rc.keyLoop(f, p); ok2 {
				agree(ent, field)
				return true
			}
		}
		for _, x := range allium.StmtExprs(s) {
			visit(x)
		}
		return true
	})
	if !ok || !seen || ref.ent == "" {
		return ref, false
	}
	// Comparisons name the field too.
	allium.WalkStmts(append(slices.Clone(rc.body), rc.ensures...), func(s allium.Stmt) bool {
		for _, x := range allium.StmtExprs(s) {
			allium.Inspect(x, func(e allium.Expr) bool {
				if y, is := e.(*allium.Binary); is {
					if _, f, ok1 := keyCompare(y, p); ok1 && f != ref.field {
						ok = false
					}
				}
				return true
			})
		}
		return true
	})
	ent := rc.b.entByName[ref.ent]
	if !ok || ent == nil {
		return ref, false
	}
	f := ent.field(ref.field)
	if f == nil || f.drop || !rc.b.uniqueField(ent, f.attr) {
		return ref, false
	}
	return ref, true
}

// keyJoin reports a lookup by p alone: E{field: p} or E{p}.
func keyJoin(j *allium.Join, p string) (string, bool) {
	if len(j.Fields) != 1 {
		return "", false
	}
	jf := j.Fields[0]
	if jf.Value == nil {
		return jf.Name, jf.Name == p
	}
	id, ok := jf.Value.(*allium.Ident)
	return jf.Name, ok && id.Name == p
}

// keyCompare reports p compared with a row's field: p = x.field (either
// side); it answers x and the field.
func keyCompare(b *allium.Binary, p string) (allium.Expr, string, bool) {
	for _, pair := range [][2]allium.Expr{{b.X, b.Y}, {b.Y, b.X}} {
		id, ok := pair[0].(*allium.Ident)
		m, ok2 := pair[1].(*allium.Member)
		if ok && ok2 && id.Name == p {
			return m.X, m.Name, true
		}
	}
	return nil, "", false
}

// keyLoop reports a change to the rows a key selects:
// for v in Es where field = p.
func (rc *ruleCtx) keyLoop(f *allium.For, p string) (string, string, bool) {
	w, ok := f.Coll.(*allium.Where)
	if !ok {
		return "", "", false
	}
	coll, ok := w.X.(*allium.Ident)
	c, ok2 := w.Cond.(*allium.Binary)
	if !ok || !ok2 || c.Op != allium.OpEq {
		return "", "", false
	}
	field, ok := c.X.(*allium.Ident)
	val, ok2 := c.Y.(*allium.Ident)
	if !ok || !ok2 || val.Name != p {
		return "", "", false
	}
	for _, e := range rc.b.entList {
		if plural(e.name) == coll.Name {
			return e.name, field.Name, true
		}
	}
	return "", "", false
}

// rowParamName names the row parameter after its entity, unless the rule
// already uses that name for something else than the row (a let of the
// row's lookup is the row); else after such a let.
func (rc *ruleCtx) rowParamName(p, ent string) string {
	rowLets := rc.keyRowLets(p, ent)
	free := func(n string) bool { return !rc.paramSet[n] && (!rc.lets[n] || rowLets[n]) }
	if n := snake(lastWord(ent)); free(n) {
		return n
	}
	for _, n := range slices.Sorted(maps.Keys(rowLets)) {
		if free(n) {
			return n
		}
	}
	if free("target") {
		return "target"
	}
	return ""
}

// rowForKey rewrites the rule: the key parameter p becomes the row
// parameter row; lets bound to the row's lookup are the row; loops over
// the rows it selects are changes to the row; comparisons of keys are
// comparisons of rows; restated preconditions go.
func (rc *ruleCtx) rowForKey(p, row string, ref keyRef) {
	rowID := func() allium.Expr { return &allium.Ident{Name: row} }
	alias := map[string]bool{}
	var sub func(e allium.Expr) allium.Expr
	step := func(e allium.Expr) (allium.Expr, bool) {
		switch y := e.(type) {
		case *allium.Join:
			if _, ok := keyJoin(y, p); ok && y.Entity == ref.ent {
				return rowID(), true
			}
		case *allium.Ident:
			if alias[y.Name] {
				return rowID(), true
			}
		case *allium.Binary:
			if y.Op != allium.OpEq && y.Op != allium.OpNe {
				break
			}
			if other, _, ok := keyCompare(y, p); ok {
				return &allium.Binary{ExprPos: y.ExprPos, Op: y.Op, X: rowID(), Y: sub(other)}, true
			}
			y.X, y.Y = sub(y.X), sub(y.Y)
			// row.username = token.user.username: the same row.
			mx, okx := y.X.(*allium.Member)
			my, oky := y.Y.(*allium.Member)
			if okx && oky && mx.Name == ref.field && my.Name == ref.field && (isIdent(mx.X, row) || isIdent(my.X, row)) {
				return &allium.Binary{ExprPos: y.ExprPos, Op: y.Op, X: mx.X, Y: my.X}, true
			}
			return y, true
		}
		return e, false
	}
	sub = func(e allium.Expr) allium.Expr { return allium.Rewrite(e, step) }
	var stmts func(list []allium.Stmt) []allium.Stmt
	stmts = func(list []allium.Stmt) []allium.Stmt {
		var out []allium.Stmt
		for _, s := range list {
			if f, ok := s.(*allium.For); ok {
				if _, _, loop := rc.keyLoop(f, p); loop {
					// for user in Users where username = p: the row's change.
					alias[f.Var] = true
					out = append(out, stmts(f.Body)...)
					delete(alias, f.Var)
					continue
				}
			}
			allium.SetStmtExprs(s, sub)
			switch y := s.(type) {
			case *allium.Let:
				if isIdent(y.Value, row) {
					alias[y.Name] = true // let db_user = User{username}
					delete(rc.lets, y.Name)
					continue
				}
			case *allium.Ensures:
				y.Body = stmts(y.Body)
			case *allium.For:
				y.Body = stmts(y.Body)
			case *allium.If:
				for i := range y.Branches {
					y.Branches[i].Body = stmts(y.Branches[i].Body)
				}
				y.Else = stmts(y.Else)
			}
			out = append(out, s)
		}
		return out
	}
	rc.body = dropRepeatedRequires(stmts(rc.body))
	rc.ensures = stmts(rc.ensures)
	for i, q := range rc.params {
		if q == p {
			rc.params[i] = row
		}
	}
	delete(rc.paramSet, p)
	rc.paramSet[row] = true
}

func isIdent(e allium.Expr, name string) bool {
	id, ok := e.(*allium.Ident)
	return ok && id.Name == name
}

// dropRepeatedRequires keeps the first of preconditions that read the
// same.
func dropRepeatedRequires(body []allium.Stmt) []allium.Stmt {
	seen := map[string]bool{}
	out := body[:0:0]
	for _, s := range body {
		if r, ok := s.(*allium.Requires); ok {
			k := exprKey(r.Cond)
			if seen[k] {
				continue
			}
			seen[k] = true
		}
		out = append(out, s)
	}
	return out
}
