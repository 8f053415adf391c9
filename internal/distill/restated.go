package distill

import "github.com/distill/distill/internal/allium"

// dropRestatedLookups leaves out `requires: exists E{...}` when the rule
// binds the same lookup (let user = E{...}) and requires that binding to
// exist: a form's validator and the view check one row twice
// (flask-base's reset_password: ResetPasswordForm.validate_email, then
// `if user is None`), and the spec says it once, by name.
func dropRestatedLookups(body []allium.Stmt) []allium.Stmt {
	lets := map[string]string{} // name -> key of its lookup
	for _, s := range body {
		if l, ok := s.(*allium.Let); ok {
			if _, join := l.Value.(*allium.Join); join {
				lets[l.Name] = exprKey(l.Value)
			}
		}
	}
	named := map[string]bool{} // keys of lookups required to exist by name
	for _, s := range body {
		if id := existsOperand(s); id != nil {
			if n, ok := id.(*allium.Ident); ok && lets[n.Name] != "" {
				named[lets[n.Name]] = true
			}
		}
	}
	body = nameRequiredLookups(body, lets, named)
	if len(named) == 0 {
		return body
	}
	out := body[:0:0]
	for _, s := range body {
		if x := existsOperand(s); x != nil {
			if _, join := x.(*allium.Join); join && named[exprKey(x)] {
				continue
			}
		}
		out = append(out, s)
	}
	return out
}

// existsOperand is x of `requires: exists x`, or nil.
func existsOperand(s allium.Stmt) allium.Expr {
	r, ok := s.(*allium.Requires)
	if !ok {
		return nil
	}
	u, ok := r.Cond.(*allium.Unary)
	if !ok || u.Op != allium.OpExists {
		return nil
	}
	return u.X
}

// nameRequiredLookups states `requires: exists E{...}` followed by the
// binding of the same lookup (let user = E{...}) as the binding, then
// `requires: exists user`: the code tested the rows before taking one
// (taiga's get_user_by_username_or_email, users/services.py:45-48:
// `if len(qs) == 0: raise` before `user = qs[0]`), and the spec says it of
// the row by name, as it does when the code tests the row it took. The
// let moves up to the requires; its lookup is the requires' own, so it
// reads nothing not yet bound there. named gains the keys so stated.
func nameRequiredLookups(body []allium.Stmt, lets map[string]string, named map[string]bool) []allium.Stmt {
	if len(lets) == 0 {
		return body
	}
	var out []allium.Stmt
	moved := map[*allium.Let]bool{}
	for i, s := range body {
		if l, ok := s.(*allium.Let); ok && moved[l] {
			continue
		}
		x := existsOperand(s)
		if _, join := x.(*allium.Join); !join || named[exprKey(x)] {
			out = append(out, s)
			continue
		}
		key := exprKey(x)
		var let *allium.Let
		for _, t := range body[i+1:] {
			if l, ok := t.(*allium.Let); ok && lets[l.Name] == key {
				let = l
				break
			}
		}
		if let == nil {
			out = append(out, s)
			continue
		}
		r := s.(*allium.Requires)
		moved[let] = true
		named[key] = true
		out = append(out, let, &allium.Requires{Meta: r.Meta, Cond: &allium.Unary{Op: allium.OpExists, X: &allium.Ident{Name: let.Name}}})
	}
	return out
}
