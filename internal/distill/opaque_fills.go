package distill

import (
	"github.com/distill/distill/internal/facts"
)

// A new row handed, before it is saved, to code the walk does not read
// may come back with any of its fields set (the shape of saleor's address
// mutations: instance = Address(); cls.construct_instance(instance,
// cleaned_data), a loop of save_form_data over the model's fields,
// graphql/core/mutations.py:464-496, that sets validation_skipped,
// graphql/account/i18n.py:107-120). Its column defaults then no longer
// say what the row holds: Address.created(validation_skipped: false)
// would contradict the code. The row is marked partial, as a constructor
// keyword whose value the spec cannot state marks it, and its creation
// keeps the values the walk read, without the defaults. (In saleor
// itself the call is made from a mixin, I18nMixin, through a path none
// of these hooks sees yet: AccountAddressCreate still states the
// default.)

// rowsHandedTo marks partial the unsaved new rows a call the walk does
// not read hands over bare: all of them when the callee is not the
// service's (fr nil), else those whose parameter the callee may change
// (paramChanged): dispatch's create_or_update_project_default(user=user)
// only reads user.id, and the user's defaults still hold.
//
// A loop left out that fills the row (overwrite) may also set again the
// fields the walk saw set before it: construct_instance's loop sets every
// field the cleaned input holds, after WebhookCreate.get_instance set
// instance.app = get_app_promise(info.context).get()
// (graphql/webhook/mutations/webhook_create.py:191-195), and the input's
// app takes its place when no app made the request (:113-128). The
// values set so far are dropped with the defaults.
func (rc *ruleCtx) rowsHandedTo(call *facts.Expr, fr *funcRef, sc *scope, overwrite bool) {
	mark := func(arg *facts.Expr, param string) {
		if arg == nil || arg.Kind != facts.ExprName {
			return
		}
		v := sc.vars[arg.Name()]
		if v == nil || v.kind != vNew || v.done {
			return
		}
		if fr == nil || param == "" || paramChanged(fr.fn.Body(), param) {
			v.partial = true
			if overwrite {
				v.args = nil
			}
		}
	}
	var params []facts.Param
	if fr != nil {
		params = fr.fn.Params
		if len(params) > 0 && rc.b.isReceiver(params[0].Name) && call.Method() != "" {
			params = params[1:]
		}
	}
	args := call.Args()
	for i := range args {
		param := ""
		if i < len(params) && params[i].Kind == facts.ParamPositional {
			param = params[i].Name
		}
		mark(&args[i], param)
	}
	kws := call.Keywords()
	for i := range kws {
		param := ""
		for _, p := range params {
			if p.Name == kws[i].Name && p.Kind != facts.ParamVarKeyword && p.Kind != facts.ParamVarPositional {
				param = p.Name // a keyword **kwargs takes stays unknown
			}
		}
		mark(&kws[i].Value, param)
	}
}

// paramChanged reports a body that may change the row its parameter
// holds: it assigns a field of it (p.x = v, p[k] = v), calls a method on
// it (p.set_password(...)) or hands it on bare to another call.
func paramChanged(body []facts.Stmt, param string) bool {
	changed := false
	isParam := func(e *facts.Expr) bool { return e != nil && e.Kind == facts.ExprName && e.Name() == param }
	facts.Walk(body, func(st *facts.Stmt) bool {
		if st.Kind == facts.StmtAssign {
			for i := range st.Targets {
				if t := &st.Targets[i]; (t.Kind == facts.ExprAttr || t.Kind == facts.ExprSubscript) && isParam(t.X) {
					changed = true
				}
			}
		}
		for _, e := range []*facts.Expr{st.Value, st.Cond, st.Iter()} {
			if e.Any(func(x *facts.Expr) bool {
				if x.Kind != facts.ExprCall {
					return false
				}
				if x.Method() != "" && isParam(x.X.X) {
					return true
				}
				for _, a := range callArgs(x) {
					if isParam(a) {
						return true
					}
				}
				return false
			}) {
				changed = true
			}
		}
		return !changed
	})
	return changed
}

// rowsFilledInBody marks partial the unsaved new rows that a loop left
// out hands to a call that may change them (f.save_form_data(instance,
// ...), setattr(row, k, v)) or assigns a field of (row.x = ...); a loop
// that only reads the row (for p in user.projects: p.default = False)
// leaves its fields alone.
func (rc *ruleCtx) rowsFilledInBody(sc *scope, s *facts.Stmt) {
	facts.Walk(s.Body, func(st *facts.Stmt) bool {
		for _, e := range []*facts.Expr{st.Value, st.Cond, st.Iter()} {
			e.Any(func(x *facts.Expr) bool {
				if x.Kind == facts.ExprCall {
					rc.rowsHandedTo(x, rc.serviceCallee(x, sc), sc, true)
				}
				return false
			})
		}
		if st.Kind == facts.StmtAssign {
			for i := range st.Targets {
				t := &st.Targets[i]
				if t.Kind != facts.ExprAttr && t.Kind != facts.ExprSubscript || t.X == nil || t.X.Kind != facts.ExprName {
					continue
				}
				if v := sc.vars[t.X.Name()]; v != nil && v.kind == vNew && !v.done {
					v.partial = true
				}
			}
		}
		return true
	})
}

// serviceCallee is the service's function or method a call names
// (f(...), cls.f(...), self.f(...) of the class walked), or nil.
func (rc *ruleCtx) serviceCallee(call *facts.Expr, sc *scope) *funcRef {
	if call.X == nil {
		return nil
	}
	if m := call.Method(); m != "" {
		if sc.cls != nil && rc.b.isReceiverExpr(call.X.X) {
			if cr := rc.b.ix.classes[sc.cls.QualName]; cr != nil {
				return rc.b.ix.method(cr, m)
			}
		}
		return nil
	}
	return rc.b.ix.function(sc.file, call.X)
}

// callArgs are a call's arguments and keyword values.
func callArgs(e *facts.Expr) []*facts.Expr {
	var out []*facts.Expr
	args := e.Args()
	for i := range args {
		out = append(out, &args[i])
	}
	kws := e.Keywords()
	for i := range kws {
		out = append(out, &kws[i].Value)
	}
	return out
}
