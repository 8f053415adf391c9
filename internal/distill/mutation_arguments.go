package distill

import (
	"slices"
)

// A GraphQL mutation declares its arguments in an inner class (graphene's
// class Arguments, catalog: mutation_argument_classes), and its resolver
// receives exactly those as **kwargs. A resolver shared by every mutation
// of a service reads keys some mutations have and others do not (saleor's
// ModelMutation.get_instance: data.get("id"), data.get("qs"),
// core/mutations.py:799-800): for CustomerCreate, whose only argument is
// input, those keys are no input of its request, and its trigger must not
// list them.

// mutationArguments are the argument names the handler's mutation class
// and its service bases declare in their argument classes; nil when none
// declares any (the mutation's inputs are then not known, and every key
// read stays an input).
func (b *builder) mutationArguments(h *handler) map[string]bool {
	if h.class == nil || len(b.lang.MutationArgumentClasses) == 0 {
		return nil
	}
	cr := b.ix.classes[h.class.QualName]
	if cr == nil {
		return nil
	}
	var declared map[string]bool
	for _, c := range b.ix.lineage(cr) {
		for i := range c.class.Classes {
			inner := &c.class.Classes[i]
			if !slices.Contains(b.lang.MutationArgumentClasses, inner.Name) {
				continue
			}
			for _, f := range inner.Fields {
				if declared == nil {
					declared = map[string]bool{}
				}
				declared[f.Name] = true
			}
		}
	}
	return declared
}
