package distill

import (
	"maps"
	"slices"
	"strings"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// A model the service keeps one row of (instance settings an
// administrator edits) is read by a lookup with no filter at all that
// raises unless exactly one row matches (catalog singleton_lookups):
//
//	def get_settings(self):
//	    try:
//	        return Settings.objects.all()[:1].get()
//	    except Settings.DoesNotExist:
//	        return Settings.objects.create()
//
// No join states "the one row" (Settings{} names none); the language's
// given block does: the module operates on that instance, and every rule
// reads it by its binding (given { settings: Settings }; requires:
// settings.allow_reset_password).

// singletonRow answers the model's one row for a lookup of the whole
// table by a singleton method, nil for any other lookup (or when a name
// of the rule already holds the binding's name).
func (rc *ruleCtx) singletonRow(q *query, method string, e *facts.Expr) *value {
	b := rc.b
	if !catalog.Match(b.lang.SingletonLookups, method) || len(e.Args()) > 0 || len(e.Keywords()) > 0 {
		return nil
	}
	if len(q.conds) > 0 || q.bad > 0 || q.scoped > 0 || q.via != nil || len(q.alts) > 0 ||
		q.action != "" || len(q.anyOf) > 0 || q.path != "" || q.column != "" || len(q.counts) > 0 {
		return nil
	}
	if b.entByName[q.ent] == nil || q.ent == b.userEntity() {
		// A user is never the service's one row: a lookup of the whole
		// table of users is something the walk missed.
		return nil
	}
	name := snake(q.ent)
	if name == "" || rc.paramSet[name] || rc.lets[name] || b.isEnumLiteral(name) {
		return nil
	}
	if b.singletons == nil {
		b.singletons = map[string]string{}
	}
	b.singletons[name] = q.ent
	if rc.singletonsRead == nil {
		rc.singletonsRead = map[string]string{}
	}
	rc.singletonsRead[name] = q.ent
	return &value{kind: vEntity, ent: q.ent, expr: &allium.Ident{Name: name}}
}

// assembleGiven declares the singleton rows the rules read as the
// module's given bindings, by name: a rule counts only where its handler
// read the row and no name of its own (a parameter, a let, a loop
// variable) holds the binding's name.
func (b *builder) assembleGiven(m *allium.Module) {
	if len(b.singletons) == 0 {
		return
	}
	read := map[string]string{}
	for _, r := range b.rules {
		if len(r.singletons) == 0 || !slices.Contains(m.Rules, r.rule) {
			continue
		}
		own := ruleOwnNames(r.rule)
		inspectRules([]*allium.Rule{r.rule}, func(x allium.Expr) bool {
			if id, ok := x.(*allium.Ident); ok && r.singletons[id.Name] != "" && !own[id.Name] {
				read[id.Name] = r.singletons[id.Name]
			}
			return true
		})
	}
	for _, name := range slices.Sorted(maps.Keys(read)) {
		m.Given = append(m.Given, &allium.GivenBinding{Name: name, Type: &allium.Type{Name: read[name]}})
	}
}

// ruleOwnNames lists the names a rule binds itself: its trigger's
// parameters and binding, its lets and its loop variables.
func ruleOwnNames(r *allium.Rule) map[string]bool {
	own := map[string]bool{}
	if r.Trigger != nil {
		for _, p := range r.Trigger.Params {
			own[p.Name] = true
		}
		if r.Trigger.Binding != "" {
			own[r.Trigger.Binding] = true
		}
	}
	allium.WalkStmts(r.Body, func(s allium.Stmt) bool {
		switch x := s.(type) {
		case *allium.Let:
			own[x.Name] = true
		case *allium.For:
			own[x.Var] = true
		}
		return true
	})
	return own
}

// isSingleton reports whether v is the one row of ent (singletonRow): a
// helper that makes the row when there is none still answers it, and the
// given binding says it is there (fallback.go lookupOrCreate).
func (b *builder) isSingleton(v *value, ent string) bool {
	if v == nil || v.kind != vEntity || v.ent != ent {
		return false
	}
	id, ok := v.expr.(*allium.Ident)
	return ok && b.singletons[id.Name] == ent
}

// firstRowSlice reports whether a slice's source keeps only the first
// element: ":1" or "0:1".
func firstRowSlice(text string) bool {
	t := strings.ReplaceAll(text, " ", "")
	return t == ":1" || t == "0:1"
}
