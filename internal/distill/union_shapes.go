package distill

import (
	"slices"
	"strings"

	"github.com/distill/distill/internal/facts"
)

// A request body typed as a union of schemas, which the framework reads
// as whichever member the input fits (a discriminated union: polar's
// ProductCreate = Annotated[Annotated[ProductCreateRecurring,
// Tag("recurring")] | Annotated[ProductCreateOneTime, Tag("one_time")],
// Discriminator(...)], product/schemas.py:655): whichever member it is,
// the fields every member declares alike are there. The body reads as
// the nearest base schema all members share (ProductCreateBase: name,
// prices, organization_id, ...), its variants kept, so that a dump of it
// spread into a model (Product(organization=organization,
// **create_schema.model_dump(exclude={...})), product/service.py:216-232)
// gives the fields every variant has, and leaves out, with a note, the
// ones only some variants have.

// unionShape returns, for an annotation naming a union of request shapes
// (A | B, inside Annotated[..., Discriminator(...)], in place or through a
// module-level alias, each member maybe Annotated[A, Tag("a")]), the
// nearest base shape every member shares, and the members. nil when the
// annotation is no such union, a member is no shape (None: an optional
// body), the members share no base shape, or one of them redeclares,
// validates or assigns a field of that base (its value would not be the
// base's).
func (b *builder) unionShape(f *facts.File, an *facts.Expr) (*classRef, []*classRef) {
	for range 4 {
		if an == nil {
			return nil, nil
		}
		switch {
		case an.Kind == facts.ExprName || an.Kind == facts.ExprAttr:
			if b.ix.class(f, an) != nil {
				return nil, nil
			}
			c := b.ix.constant(f, an)
			if c == nil {
				c = b.ix.typeAlias(f, an)
			}
			if c == nil || c.as == nil {
				return nil, nil
			}
			f, an = c.file, c.as.Value
			continue
		case an.Kind == facts.ExprSubscript:
			an = annotatedInner(an)
			if an == nil {
				return nil, nil
			}
			continue
		}
		break
	}
	if an == nil || an.Kind != facts.ExprBinary || an.Op() != "|" {
		return nil, nil
	}
	var variants []*classRef
	var members func(x *facts.Expr) bool
	members = func(x *facts.Expr) bool {
		if x == nil {
			return false
		}
		if x.Kind == facts.ExprBinary && x.Op() == "|" {
			return members(x.X) && members(x.Y)
		}
		if x.Kind == facts.ExprSubscript {
			if x = annotatedInner(x); x == nil {
				return false
			}
		}
		cr := b.ix.class(f, x)
		if cr == nil || b.shapes[cr.qual()] == nil {
			return false
		}
		variants = append(variants, cr)
		return true
	}
	if !members(an) || len(variants) < 2 {
		return nil, nil
	}
	var base *classRef
	b.classAndBases(variants[0], func(c *classRef) bool {
		if b.shapes[c.qual()] == nil {
			return false
		}
		for _, v := range variants[1:] {
			if !b.inherits(v, c.class) {
				return false
			}
		}
		base = c
		return true
	})
	if base == nil {
		return nil, nil
	}
	ancestry := map[*facts.Class]bool{}
	b.classAndBases(base, func(c *classRef) bool {
		ancestry[c.class] = true
		return false
	})
	baseFields := b.shapeFieldsWithBases(base)
	for _, v := range variants {
		bad := false
		b.classAndBases(v, func(c *classRef) bool {
			if ancestry[c.class] {
				return false
			}
			for _, bf := range baseFields {
				if shapeHasField(c, bf.Name) || b.fieldValidator(c, bf.Name) != nil || assignsSelf(c, bf.Name) {
					bad = true
					return true
				}
			}
			return false
		})
		if bad {
			return nil, nil
		}
	}
	return base, variants
}

// annotatedInner is T of Annotated[T, ...]; nil for any other subscript.
func annotatedInner(an *facts.Expr) *facts.Expr {
	if an.X == nil || facts.LastSegment(an.X.Raw()) != "Annotated" || an.Y == nil {
		return nil
	}
	if an.Y.Kind == facts.ExprTuple {
		if len(an.Y.Args()) == 0 {
			return nil
		}
		return &an.Y.Args()[0]
	}
	return an.Y
}

// inherits reports cr being class c or a subclass of it.
func (b *builder) inherits(cr *classRef, c *facts.Class) bool {
	found := false
	b.classAndBases(cr, func(x *classRef) bool {
		found = x.class == c
		return found
	})
	return found
}

// assignsSelf reports a method of the class that sets self.<name> (a
// model validator that fills or clears a field: ProductCreateRecurring's
// validate_meter_interval sets self.meter_interval_count,
// product/schemas.py:617-622): the field's value is not the input's.
func assignsSelf(c *classRef, name string) bool {
	for i := range c.class.Methods {
		m := &c.class.Methods[i]
		if len(m.Params) == 0 {
			continue
		}
		self := m.Params[0].Name + "." + name
		found := false
		facts.Walk(m.Body(), func(s *facts.Stmt) bool {
			if s.Kind == facts.StmtAssign || s.Kind == facts.StmtAugAssign {
				for _, t := range s.Targets {
					found = found || t.Raw() == self
				}
			}
			return !found
		})
		if found {
			return true
		}
	}
	return false
}

// unionFields are the fields of a union body v (unionShape) that its dump
// holds whichever variant the request is, each read off the body as the
// base's are: the base's own, and a field each variant declares itself
// that none of them validates or assigns (required: every variant
// declares it with no default). only says, of each field some variant's
// dump holds but not as the input read off the body, why: which variants
// declare it, or that one rewrites it.
func (b *builder) unionFields(v *value) (shared []facts.Assignment, required map[string]bool, only map[string]string) {
	perVariant := make([]map[string]*facts.Assignment, len(v.variants))
	for i, cr := range v.variants {
		perVariant[i] = map[string]*facts.Assignment{}
		for _, f := range b.shapeFieldsWithBases(cr) {
			if dumpedField(&f) {
				perVariant[i][f.Name] = &f
			}
		}
	}
	inBase := map[string]bool{}
	for _, f := range b.shapeFieldsWithBases(v.shape) {
		inBase[f.Name] = true
	}
	required = map[string]bool{}
	only = map[string]string{}
	seen := map[string]bool{}
	for _, cr := range v.variants {
		for _, f := range b.shapeFieldsWithBases(cr) {
			if !dumpedField(&f) || seen[f.Name] {
				continue
			}
			seen[f.Name] = true
			req, rewritten := true, ""
			var holders []string
			for j, fields := range perVariant {
				g := fields[f.Name]
				if g == nil {
					continue
				}
				holders = append(holders, v.variants[j].class.Name)
				req = req && g.Value == nil
				if !inBase[f.Name] && rewritten == "" && b.variantRewrites(v.variants[j], f.Name) {
					rewritten = v.variants[j].class.Name
				}
			}
			switch {
			case len(holders) < len(v.variants):
				only[f.Name] = "declared only by " + strings.Join(holders, " and ") + " of the request's variants"
			case rewritten != "":
				only[f.Name] = "set by " + rewritten + "'s own validation"
			default:
				shared = append(shared, f)
				if req {
					required[f.Name] = true
				}
			}
		}
	}
	return shared, required, only
}

// variantRewrites reports a validator or a method of the variant (or a
// base) that gives the field another value than the input's.
func (b *builder) variantRewrites(cr *classRef, name string) bool {
	bad := false
	b.classAndBases(cr, func(c *classRef) bool {
		bad = b.fieldValidator(c, name) != nil || assignsSelf(c, name)
		return bad
	})
	return bad
}

// shapeFieldOf reports a field the shape or one of its bases declares.
func shapeFieldOf(b *builder, shape *classRef, name string) bool {
	return slices.ContainsFunc(b.shapeFieldsWithBases(shape), func(f facts.Assignment) bool { return f.Name == name })
}
