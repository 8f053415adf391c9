package distill

import "github.com/distill/distill/internal/facts"

// nestedNameShared reports whether the field name of a nested request
// shape x (a field of another shape typed with a shape of its own) is
// also a field of the shape that holds it, or of another shape that
// shape nests: the nested field's value is then not the request input of
// that name, which the nested object's fields are read as. dispatch's
// CaseCostTypeCreate has name and project: ProjectRead, whose name
// case_cost_type/service.py:96 looks the project up by
// (project/service.py:43); read as the input name, the rule required a
// project named as the cost type.
func (b *builder) nestedNameShared(x *value, name string) bool {
	if x.nestedOf == nil {
		return false
	}
	annotated := func(f *facts.Assignment) bool { return f.Annotation != nil }
	if f, _ := b.classAssignment(x.nestedOf, name, annotated); f != nil {
		return true
	}
	outer := &value{kind: vShape, shape: x.nestedOf}
	seen := map[string]bool{x.nestedAs: true}
	visited := map[*facts.Class]bool{}
	for queue := []*classRef{x.nestedOf}; len(queue) > 0; queue = queue[1:] {
		c := queue[0]
		if c == nil || visited[c.class] || len(visited) > 16 {
			continue
		}
		visited[c.class] = true
		for i := range c.class.Fields {
			f := &c.class.Fields[i]
			if seen[f.Name] || f.Annotation == nil {
				continue
			}
			seen[f.Name] = true
			if n := b.nestedShapeField(outer, f.Name); n != nil {
				if g, _ := b.classAssignment(n.shape, name, annotated); g != nil {
					return true
				}
			}
		}
		for i := range c.class.Bases {
			queue = append(queue, b.ix.class(c.file, &c.class.Bases[i]))
		}
	}
	return false
}
