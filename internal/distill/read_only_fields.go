package distill

import "github.com/distill/distill/internal/facts"

// A model form or serializer writes only the fields it may: DRF leaves
// out a field declared read_only=True or listed in the Meta's
// read_only_fields, and both frameworks leave out a model field that is
// not editable (editable=False, or auto_now / auto_now_add, which imply
// it). netbox's TokenProvisionSerializer lists key, last_used and created
// among its fields (users/api/serializers_/tokens.py:82-104), none of them
// an input: key and last_used are declared read-only, created is
// auto_now_add (users/models/tokens.py). Read as inputs, the created
// token took all three from the request. A read-only field the object
// validator sets (its user, the one authenticated) is written: the data
// the save writes is what the validator returned.

// readOnlyFields are the fields shape, or a base of it, declares
// read-only or lists in its Meta's read-only list (catalog shapes:
// read_only_options, meta.read_only).
func (b *builder) readOnlyFields(shape *classRef) map[string]bool {
	sh := b.lang.Shapes
	if sh == nil || shape == nil {
		return nil
	}
	out := map[string]bool{}
	b.classAndBases(shape, func(c *classRef) bool {
		for i := range c.class.Fields {
			f := &c.class.Fields[i]
			if f.Value == nil || f.Value.Kind != facts.ExprCall {
				continue
			}
			for _, opt := range sh.ReadOnlyOptions {
				if keywordTrue(f.Value, opt) {
					out[f.Name] = true
				}
			}
		}
		for i := range c.class.Classes {
			meta := &c.class.Classes[i]
			if sh.Meta == nil || sh.Meta.ReadOnly == "" || meta.Name != sh.Meta.Class {
				continue
			}
			for j := range meta.Fields {
				if a := &meta.Fields[j]; a.Name == sh.Meta.ReadOnly && a.Value != nil {
					for _, n := range literalNames(a.Value) {
						out[n] = true
					}
				}
			}
		}
		return false
	})
	return out
}

// uneditableColumn reports a column call whose options make the field one
// no model form or serializer writes (catalog shapes.uneditable_options).
func (b *builder) uneditableColumn(call *facts.Expr) bool {
	sh := b.lang.Shapes
	if sh == nil || call == nil {
		return false
	}
	for _, opt := range sortedKeys(sh.UneditableOptions) {
		kw := call.Keyword(opt)
		if kw != nil && kw.Kind == facts.ExprBool && (kw.Value() == "true") == sh.UneditableOptions[opt] {
			return true
		}
	}
	return false
}
