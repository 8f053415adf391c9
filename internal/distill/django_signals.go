package distill

// Django model signals: a post_save receiver that tests its created
// argument handles the creation of an instance of the sender model, so it
// is a rule triggered by that creation (when: member: OrganizationUser.created),
// whether it is registered with @receiver(post_save, sender=M) or with
// post_save.connect(fn, sender=M) (in an AppConfig.ready, say). A receiver
// that does not test created runs on every save and is left out.

import (
	"strings"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// signalHandlers lists the creation receivers of the service.
func (b *builder) signalHandlers() []*handler {
	l := b.lang
	if len(l.SavedSignals) == 0 {
		return nil
	}
	var out []*handler
	seen := map[string]bool{}
	add := func(f *facts.File, fn *facts.Function, class *facts.Class, ent string) {
		if ent == "" || seen[fn.QualName+"|"+ent] || !testsCreated(fn) {
			return
		}
		seen[fn.QualName+"|"+ent] = true
		out = append(out, &handler{file: f, fn: fn, class: class, created: ent,
			name: pascal(strings.TrimLeft(fn.Name, "_"))})
	}
	for _, f := range b.ix.files {
		if b.testFile(f.Path) {
			continue
		}
		// @receiver(post_save, sender=M)
		for i := range f.Functions {
			fn := &f.Functions[i]
			for j := range fn.Decorators {
				d := &fn.Decorators[j]
				if d.Kind != facts.ExprCall || d.X == nil || !catalog.MatchAny(l.SignalReceivers, d.X.Resolved(), d.X.Raw()) || len(d.Args()) == 0 {
					continue
				}
				if !catalog.MatchAny(l.SavedSignals, d.Args()[0].Resolved(), d.Args()[0].Raw()) {
					continue
				}
				add(f, fn, nil, b.senderEntity(f, nil, d.Keyword("sender")))
			}
		}
		// post_save.connect(fn, sender=M) in any function or method.
		visit := func(body []facts.Stmt, class *facts.Class) {
			facts.Walk(body, func(s *facts.Stmt) bool {
				if s.Kind != facts.StmtExpr || s.Value == nil || s.Value.Kind != facts.ExprCall || s.Value.Method() != "connect" {
					return true
				}
				call := s.Value
				sig := call.X.X
				if sig == nil || !catalog.MatchAny(l.SavedSignals, sig.Resolved(), sig.Raw()) || len(call.Args()) == 0 {
					return true
				}
				ent := b.senderEntity(f, body, call.Keyword("sender"))
				ref := &call.Args()[0]
				switch {
				case ref.Kind == facts.ExprName:
					if fr := b.ix.function(f, ref); fr != nil {
						add(fr.file, fr.fn, fr.class, ent)
					}
				case ref.Kind == facts.ExprAttr && class != nil && b.isReceiverExpr(ref.X):
					if cr := b.ix.classes[class.QualName]; cr != nil {
						if fr := b.ix.method(cr, ref.Name()); fr != nil {
							add(fr.file, fr.fn, class, ent)
						}
					}
				}
				return true
			})
		}
		for i := range f.Functions {
			visit(f.Functions[i].Body(), nil)
		}
		for i := range f.Classes {
			c := &f.Classes[i]
			for j := range c.Methods {
				visit(c.Methods[j].Body(), c)
			}
		}
	}
	return out
}

// senderEntity is the entity a signal's sender names: a model class, or a
// local bound to a model loader (OrganizationUser = load_model("app",
// "OrganizationUser")) in body.
func (b *builder) senderEntity(f *facts.File, body []facts.Stmt, sender *facts.Expr) string {
	if sender == nil {
		return ""
	}
	if cr := b.ix.class(f, sender); cr != nil {
		if e := b.entByQual[cr.qual()]; e != nil {
			return e.name
		}
	}
	if catalog.MatchAny(b.lang.UserModelRefs, sender.Resolved(), sender.Raw()) {
		// sender=settings.AUTH_USER_MODEL: the model of signed-in users.
		return b.userEntity()
	}
	if sender.Kind != facts.ExprName {
		return ""
	}
	name := ""
	facts.Walk(body, func(s *facts.Stmt) bool {
		if s.Kind == facts.StmtAssign && len(s.Targets) == 1 && s.Targets[0].Kind == facts.ExprName && s.Targets[0].Name() == sender.Name() {
			v := s.Value
			if v != nil && v.Kind == facts.ExprCall && catalog.MatchAny(b.lang.ModelLoaders, v.Resolved(), v.Raw()) && len(v.Args()) > 0 {
				if last := v.Args()[len(v.Args())-1]; last.Kind == facts.ExprString {
					name = last.Value()
				}
			}
		}
		return name == ""
	})
	if e := b.entByName[pascal(name)]; e != nil {
		return e.name
	}
	return ""
}

// testsCreated reports whether a receiver takes and tests `created`.
func testsCreated(fn *facts.Function) bool {
	has := false
	for _, p := range fn.Params {
		if p.Name == "created" {
			has = true
		}
	}
	if !has {
		return false
	}
	tested := false
	facts.Walk(fn.Body(), func(s *facts.Stmt) bool {
		if s.Kind == facts.StmtIf && s.Cond.Any(func(x *facts.Expr) bool { return x.Kind == facts.ExprName && x.Name() == "created" }) {
			tested = true
		}
		return !tested
	})
	return tested
}

// bindSignal makes a creation receiver's rule: triggered by the creation,
// its instance the created entity, created true.
func (rc *ruleCtx) bindSignal(h *handler, sc *scope) {
	if h.created == "" {
		return
	}
	v := snake(h.created)
	rc.trigger = &allium.Trigger{Meta: rc.b.meta(h.file, h.fn.Line), Kind: allium.TriggerCreated, Binding: v,
		Cond: &allium.Member{X: &allium.Ident{Name: h.created}, Name: "created"}}
	for i, p := range h.fn.Params {
		switch {
		case p.Name == "created":
			sc.vars[p.Name] = exprValue(&allium.Lit{Kind: allium.LitBool, Text: "true"})
		case p.Name == "instance" || (i == 1 && h.class == nil && p.Name != "sender"):
			sc.vars[p.Name] = &value{kind: vEntity, ent: h.created, expr: &allium.Ident{Name: v}}
		}
	}
}
