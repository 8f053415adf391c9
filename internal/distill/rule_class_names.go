package distill

import (
	"slices"
	"strings"
)

// nameCollisionsByClass names the rules of handlers of one name in
// different classes by their class, in place of numbering them: mealie's
// IngredientFoodsController.merge_one and IngredientUnitsController.merge_one
// (routes/unit_and_foods/foods.py:39, units.py:39) were MergeOne and
// MergeOne2, which says nothing of which is which; they become
// IngredientFoodsMergeOne and IngredientUnitsMergeOne. Only names that
// collide move, and only when every rule of the name is a method's of a
// class of its own (a module function keeps the numbering) and the new
// names are free.
func (b *builder) nameCollisionsByClass() {
	groups := map[string][]*ruleOut{}
	var order []string
	for _, r := range b.rules {
		if r.baseName == "" || r.class == nil {
			continue
		}
		if groups[r.baseName] == nil {
			order = append(order, r.baseName)
		}
		groups[r.baseName] = append(groups[r.baseName], r)
	}
	taken := map[string]bool{}
	for _, r := range b.rules {
		taken[r.rule.Name] = true
	}
	for _, base := range order {
		group := groups[base]
		if len(group) < 2 || b.ruleName[base] != len(group) {
			// No collision, or one with a rule this cannot rename.
			continue
		}
		names := make([]string, len(group))
		ok := true
		for i, r := range group {
			stem := classStem(r.class.Name)
			names[i] = stem + base
			if stem == "" || names[i] == base || taken[names[i]] || slices.Contains(names[:i], names[i]) {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		for i, r := range group {
			b.renameRule(r, names[i])
			taken[names[i]] = true
			b.ruleName[names[i]]++
		}
	}
}

// renameRule gives r and its trigger the name to, and moves the notes
// that name the rule.
func (b *builder) renameRule(r *ruleOut, to string) {
	from := r.rule.Name
	r.rule.Name = to
	if r.rule.Trigger != nil && r.rule.Trigger.Name == from {
		r.rule.Trigger.Name = to
	}
	b.renameLimits(r, from)
	suffix := "rule " + from
	for _, key := range sortedKeys(b.notes) {
		if !strings.HasSuffix(key, suffix) {
			continue
		}
		moved := strings.TrimSuffix(key, suffix) + "rule " + to
		delete(b.notes, key)
		b.notes[moved] = true
		if w, ok := b.ruleNoteWriters[key]; ok {
			delete(b.ruleNoteWriters, key)
			b.ruleNoteWriters[moved] = append(b.ruleNoteWriters[moved], w...)
		}
	}
}

// classStem is a class's name without the suffix that says what kind of
// class it is (IngredientFoodsController -> IngredientFoods), in Pascal
// case; "" when nothing is left.
func classStem(name string) string {
	name = strings.TrimLeft(name, "_")
	for _, suf := range []string{"Controller", "ViewSet", "Viewset", "View", "Resource", "Routes", "Router", "Handler", "Mutation", "API", "Api"} {
		if strings.HasSuffix(name, suf) && len(name) > len(suf) {
			name = strings.TrimSuffix(name, suf)
			break
		}
	}
	return pascal(snake(name))
}
