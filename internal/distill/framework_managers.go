package distill

// Framework managers: the methods a framework model's manager offers
// (catalog: framework_managers), given to the model declared for it
// (frameworkModels) as code of a manager class, so that
// EmailAddress.objects.add_email(request, user=u, email=e, confirm=c)
// is inlined as the service's own managers are (managerCall):
//
//	class EmailAddressManager:
//	    def add_email(self, request, user, email, confirm=False, signup=False):
//	        row = self.model(user=user, email=email, verified=False, primary=False)
//	        row.save()
//	        if confirm:
//	            if signup:
//	                <sink>(to=email, template="email_confirmation_signup")
//	            else:
//	                <sink>(to=email, template="email_confirmation")
//	        return row

import (
	"maps"
	"slices"
	"strings"

	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// frameworkManager is the manager class the catalog gives the framework
// model target of base, and the class field (objects = <it>()) that
// makes it the model's manager; nil when the catalog gives none.
func (b *builder) frameworkManager(target, base string) *struct {
	field facts.Assignment
	class facts.Class
} {
	methods := b.lang.FrameworkManagers[base]
	if len(methods) == 0 || b.lang.Shapes == nil || len(b.lang.Shapes.Managers) == 0 ||
		len(b.lang.Shapes.ManagerModel) == 0 || len(b.lang.PersistCalls) == 0 {
		return nil
	}
	qual := target + "Manager"
	c := facts.Class{Name: qual[strings.LastIndexByte(qual, '.')+1:], QualName: qual}
	for _, name := range slices.Sorted(maps.Keys(methods)) {
		c.Methods = append(c.Methods, b.managerMethod(qual, name, methods[name]))
	}
	ctor := facts.NewExpr(facts.ExprSpec{Kind: facts.ExprName, Name: c.Name, Raw: qual}).WithResolved(qual)
	return &struct {
		field facts.Assignment
		class facts.Class
	}{
		field: facts.Assignment{Name: b.lang.Shapes.Managers[0], Value: new(facts.NewExpr(facts.ExprSpec{Kind: facts.ExprCall, X: &ctor, Raw: qual}).WithResolved(qual))},
		class: c,
	}
}

// managerMethod writes one catalogued manager method as code.
func (b *builder) managerMethod(qual, name string, m catalog.ManagerMethod) facts.Function {
	self := b.selfName()
	ident := func(n string) *facts.Expr {
		return facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprName, Name: n, Raw: n})
	}
	attr := func(x *facts.Expr, n string) *facts.Expr {
		return facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprAttr, X: x, Name: n, Raw: x.Raw() + "." + n})
	}
	falseLit := facts.NewExpr(facts.ExprSpec{Kind: facts.ExprBool, Value: "false", Raw: "False"})
	fn := facts.Function{Name: name, QualName: qual + "." + name,
		Params: []facts.Param{{Name: self, Kind: facts.ParamPositional}}}
	for i, p := range m.Params {
		param := facts.Param{Name: p, Kind: facts.ParamPositional}
		if i >= m.Required {
			param.Default = new(falseLit)
		}
		fn.Params = append(fn.Params, param)
	}
	value := func(v string) facts.Expr {
		if v == "true" || v == "false" {
			return facts.NewExpr(facts.ExprSpec{Kind: facts.ExprBool, Value: v, Raw: v})
		}
		return *ident(v)
	}
	// row = self.model(field=..., ...); row.save()
	build := &facts.Expr{Kind: facts.ExprCall, X: attr(ident(self), b.lang.Shapes.ManagerModel[0])}
	var kws []facts.Keyword
	for _, field := range slices.Sorted(maps.Keys(m.Creates)) {
		kws = append(kws, facts.Keyword{Name: field, Value: value(m.Creates[field])})
	}
	build.SetKeywords(kws)
	const row = "__row"
	fn.SetBody(append(fn.Body(),
		facts.Stmt{Kind: facts.StmtAssign, Targets: []facts.Expr{*ident(row)}, Value: build},
		facts.Stmt{Kind: facts.StmtExpr, Value: &facts.Expr{Kind: facts.ExprCall, X: attr(ident(row), b.lang.PersistCalls[0])}}))
	if send := b.managerSend(m); m.Flag != "" && send != nil {
		body := []facts.Stmt{send(m.Template)}
		for _, flag := range slices.Sorted(maps.Keys(m.FlagTemplates)) {
			body = []facts.Stmt{facts.NewStmt(facts.StmtSpec{Kind: facts.StmtIf, Cond: ident(flag), Body: []facts.Stmt{send(m.FlagTemplates[flag])}, Else: body})}
		}
		fn.SetBody(append(fn.Body(), facts.Stmt{Kind: facts.StmtIf, Cond: ident(m.Flag), Body: body}))
	}
	fn.SetBody(append(fn.Body(), facts.Stmt{Kind: facts.StmtReturn, Value: ident(row)}))
	return fn
}

// managerSend writes the call of the first catalogued e-mail sink that
// takes its recipient and template by keyword, to the method's To
// parameter; nil when the method sends nothing or no sink fits.
func (b *builder) managerSend(m catalog.ManagerMethod) func(template string) facts.Stmt {
	if m.To == "" {
		return nil
	}
	return b.mailSend(facts.NewExpr(facts.ExprSpec{Kind: facts.ExprName, Name: m.To, Raw: m.To}))
}

// mailSend writes the call of the first catalogued e-mail sink that takes
// its recipient and template by keyword, to the address to; nil when no
// sink fits.
func (b *builder) mailSend(to facts.Expr) func(template string) facts.Stmt {
	keyword := func(names []string) string {
		for _, n := range names {
			if !strings.HasPrefix(n, "#") {
				return n
			}
		}
		return ""
	}
	for _, s := range b.lang.Sinks {
		toKw, tmpl := keyword(s.Recipient), keyword(s.Template)
		if s.Entity != "Email" || toKw == "" || tmpl == "" || len(s.Names) == 0 {
			continue
		}
		callee := facts.NewExpr(facts.ExprSpec{Kind: facts.ExprName, Name: s.Names[0], Raw: s.Names[0]}).WithResolved(s.Names[0])
		return func(template string) facts.Stmt {
			call := facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprCall, X: &callee, Raw: callee.Raw()})
			call.SetKeywords([]facts.Keyword{
				{Name: toKw, Value: to},
				{Name: tmpl, Value: facts.NewExpr(facts.ExprSpec{Kind: facts.ExprString, Value: template, Raw: `"` + template + `"`})},
			})
			return facts.Stmt{Kind: facts.StmtExpr, Value: call}
		}
	}
	return nil
}

// mailMethods are the methods the catalog gives a framework model's base
// that mail the address a field of the row holds (framework_mails), as
// code, so that a call of one is inlined as a method of the service's
// models is:
//
//	def send_confirmation(self, request=False, signup=False):
//	    if signup:
//	        <sink>(to=self.email, template="email_confirmation_signup")
//	    else:
//	        <sink>(to=self.email, template="email_confirmation")
//
// Methods the framework_methods entry already gives are not written
// again; none when no catalogued sink fits.
func (b *builder) mailMethods(target, base string, given []facts.Function) []facts.Function {
	var out []facts.Function
	mails := b.lang.FrameworkMails[base]
	self := b.selfName()
	falseLit := facts.NewExpr(facts.ExprSpec{Kind: facts.ExprBool, Value: "false", Raw: "False"})
	for _, name := range slices.Sorted(maps.Keys(mails)) {
		m := mails[name]
		if m.To == "" || m.Template == "" || slices.ContainsFunc(given, func(f facts.Function) bool { return f.Name == name }) {
			continue
		}
		recv := facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprName, Name: self, Raw: self})
		send := b.mailSend(facts.NewExpr(facts.ExprSpec{Kind: facts.ExprAttr, X: recv, Name: m.To, Raw: self + "." + m.To}))
		if send == nil {
			return nil
		}
		fn := facts.Function{Name: name, QualName: target + "." + name,
			Params: []facts.Param{{Name: self, Kind: facts.ParamPositional}}}
		for _, p := range m.Params {
			fn.Params = append(fn.Params, facts.Param{Name: p, Kind: facts.ParamPositional, Default: new(falseLit)})
		}
		body := []facts.Stmt{send(m.Template)}
		for _, flag := range slices.Sorted(maps.Keys(m.FlagTemplates)) {
			if !slices.Contains(m.Params, flag) {
				continue // a flag the method does not take is never set
			}
			cond := facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprName, Name: flag, Raw: flag})
			body = []facts.Stmt{facts.NewStmt(facts.StmtSpec{Kind: facts.StmtIf, Cond: cond, Body: []facts.Stmt{send(m.FlagTemplates[flag])}, Else: body})}
		}
		fn.SetBody(body)
		out = append(out, fn)
	}
	return out
}
