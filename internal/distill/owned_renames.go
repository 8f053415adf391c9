package distill

import (
	"github.com/distill/distill/internal/allium"
)

// renameOwned renames the identifier from to to in the rule's clauses
// without changing a node another rule holds. A path starts from a copy of
// the handler's clause list (path), sharing its statements and their
// expressions; renaming in place (renameIdent) would rename in the sibling
// too, which keeps its own parameter name: plane's IssueCommentViewSet.
// partial_update (app/views/issue/comment.py:111-117) gave two rules sharing
// `let issue_comment = IssueComment{..., project: project_id, ...}`, and the
// main rule's merge of project_id into project left `project` unbound in
// the edited_at path, whose let the checker then dropped. Each statement or
// expression that names from is replaced by a copy; the rest stay shared.
// The rule's tables keyed by a clause (paramReqs, raises, helperExits,
// preReads) follow the copy.
func renameOwned(rc *ruleCtx, from, to string) {
	r := &ownedRenamer{rc: rc, from: from, to: to}
	rc.body = r.stmts(rc.body)
	rc.ensures = r.stmts(rc.ensures)
}

type ownedRenamer struct {
	rc       *ruleCtx
	from, to string
}

// stmts returns list with each statement naming from replaced by a renamed
// copy; list itself when none does.
func (r *ownedRenamer) stmts(list []allium.Stmt) []allium.Stmt {
	var out []allium.Stmt
	for i, s := range list {
		c, changed := r.stmt(s)
		if !changed {
			continue
		}
		if out == nil {
			out = append([]allium.Stmt(nil), list...)
		}
		out[i] = c
	}
	if out == nil {
		return list
	}
	return out
}

func (r *ownedRenamer) stmt(s allium.Stmt) (allium.Stmt, bool) {
	switch s := s.(type) {
	case *allium.Let:
		if v, ok := r.expr(s.Value); ok {
			c := *s
			c.Value = v
			return &c, true
		}
	case *allium.Requires:
		if v, ok := r.expr(s.Cond); ok {
			c := *s
			c.Cond = v
			if p, on := r.rc.paramReqs[s]; on {
				r.rc.paramReqs[&c] = p
			}
			if t, on := r.rc.raises[s]; on {
				r.rc.raises[&c] = t
			}
			return &c, true
		}
	case *allium.Ensures:
		body := r.stmts(s.Body)
		if !sameStmts(body, s.Body) {
			c := *s
			c.Body = body
			return &c, true
		}
	case *allium.For:
		coll, ok := r.expr(s.Coll)
		body := r.stmts(s.Body)
		if ok || !sameStmts(body, s.Body) {
			c := *s
			c.Coll, c.Body = coll, body
			return &c, true
		}
	case *allium.If:
		changed := false
		branches := make([]allium.IfBranch, len(s.Branches))
		for i, br := range s.Branches {
			cond, ok := r.expr(br.Cond)
			body := r.stmts(br.Body)
			changed = changed || ok || !sameStmts(body, br.Body)
			branches[i] = allium.IfBranch{Cond: cond, Body: body}
		}
		els := r.stmts(s.Else)
		if changed || !sameStmts(els, s.Else) {
			c := *s
			c.Branches, c.Else = branches, els
			if r.rc.helperExits[s] {
				r.rc.helperExits[&c] = true
			}
			return &c, true
		}
	case *allium.Assign:
		t, ok1 := r.expr(s.Target)
		v, ok2 := r.expr(s.Value)
		if ok1 || ok2 {
			c := *s
			c.Target, c.Value = t, v
			return &c, true
		}
	case *allium.ExprStmt:
		if v, ok := r.expr(s.X); ok {
			c := *s
			c.X = v
			return &c, true
		}
	}
	return s, false
}

// sameStmts reports two lists holding the same statements (stmts answers
// its argument when nothing was renamed, so a changed list is a new one).
func sameStmts(a, b []allium.Stmt) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// expr returns a renamed copy of e and true when e names from; e and false
// otherwise.
func (r *ownedRenamer) expr(e allium.Expr) (allium.Expr, bool) {
	out, changed := r.copyExpr(e)
	if changed {
		if lc, kept := r.rc.preReads[e]; kept {
			r.rc.preReads[out] = lc
		}
	}
	return out, changed
}

func (r *ownedRenamer) copyExpr(e allium.Expr) (allium.Expr, bool) {
	switch e := e.(type) {
	case *allium.Ident:
		if e.Name == r.from {
			c := *e
			c.Name = r.to
			return &c, true
		}
	case *allium.Member:
		if x, ok := r.expr(e.X); ok {
			c := *e
			c.X = x
			return &c, true
		}
	case *allium.Call:
		fun, changed := r.expr(e.Fun)
		args := make([]allium.Arg, len(e.Args))
		for i, a := range e.Args {
			v, ok := r.expr(a.Value)
			changed = changed || ok
			args[i] = allium.Arg{Name: a.Name, Value: v}
		}
		if changed {
			c := *e
			c.Fun, c.Args = fun, args
			return &c, true
		}
	case *allium.Lambda:
		if e.Param == r.from {
			return e, false // the lambda's own name hides the rule's
		}
		if body, ok := r.expr(e.Body); ok {
			c := *e
			c.Body = body
			return &c, true
		}
	case *allium.Join:
		changed := false
		fields := make([]allium.JoinField, len(e.Fields))
		for i, f := range e.Fields {
			v, ok := r.expr(f.Value)
			changed = changed || ok
			fields[i] = allium.JoinField{Name: f.Name, Value: v}
		}
		if changed {
			c := *e
			c.Fields = fields
			return &c, true
		}
	case *allium.Binary:
		x, ok1 := r.expr(e.X)
		y, ok2 := r.expr(e.Y)
		if ok1 || ok2 {
			c := *e
			c.X, c.Y = x, y
			return &c, true
		}
	case *allium.Unary:
		if x, ok := r.expr(e.X); ok {
			c := *e
			c.X = x
			return &c, true
		}
	case *allium.Where:
		x, ok1 := r.expr(e.X)
		cond, ok2 := r.expr(e.Cond)
		if ok1 || ok2 {
			c := *e
			c.X, c.Cond = x, cond
			return &c, true
		}
	case *allium.SetLit:
		if elems, ok := r.exprs(e.Elems); ok {
			c := *e
			c.Elems = elems
			return &c, true
		}
	case *allium.ListLit:
		if elems, ok := r.exprs(e.Elems); ok {
			c := *e
			c.Elems = elems
			return &c, true
		}
	case *allium.ObjectLit:
		changed := false
		fields := make([]allium.ObjectField, len(e.Fields))
		for i, f := range e.Fields {
			v, ok := r.expr(f.Value)
			changed = changed || ok
			fields[i] = allium.ObjectField{Name: f.Name, Value: v}
		}
		if changed {
			c := *e
			c.Fields = fields
			return &c, true
		}
	case *allium.IfExpr:
		changed := false
		branches := make([]allium.IfExprBranch, len(e.Branches))
		for i, br := range e.Branches {
			cond, ok1 := r.expr(br.Cond)
			then, ok2 := r.expr(br.Then)
			changed = changed || ok1 || ok2
			branches[i] = allium.IfExprBranch{Cond: cond, Then: then}
		}
		els, ok := r.expr(e.Else)
		if changed || ok {
			c := *e
			c.Branches, c.Else = branches, els
			return &c, true
		}
	}
	return e, false
}

func (r *ownedRenamer) exprs(list []allium.Expr) ([]allium.Expr, bool) {
	changed := false
	out := make([]allium.Expr, len(list))
	for i, x := range list {
		v, ok := r.expr(x)
		changed = changed || ok
		out[i] = v
	}
	return out, changed
}
