package distill

import (
	"slices"
	"strconv"

	"github.com/distill/distill/internal/allium"
)

// A creation gives an entity's status one of its declared values: the
// reference checker reads a bare name given for an inline status
// (status: planned | completed) as one of those values, bound or not, and
// fails the spec when it is none (E008). A row created with the status the
// request gives (plane's ModuleSerializer.create, serializers/module.py:
// 103, Module.objects.create(**validated_data)) would print as
// status: status; the checker's repair then dropped the whole creation.
// The status argument alone is left out, with a note: the creation stays,
// saying less.

// startStatuses drops from each creation of m a status given as a bare
// name that is not one of the entity's inline status values, and notes it.
func startStatuses(m *allium.Module, b *builder) {
	statuses := map[string][]allium.EnumValue{}
	for _, e := range m.Entities {
		for _, mem := range e.Members {
			if f, ok := mem.(*allium.Field); ok && f.Name == "status" && f.Type != nil && len(f.Type.Enum) > 0 {
				statuses[e.Name] = f.Type.Enum
			}
		}
	}
	if len(statuses) == 0 {
		return
	}
	allium.WalkNodes(m, func(n allium.Node) {
		var x allium.Expr
		switch s := n.(type) {
		case *allium.ExprStmt:
			x = s.X
		case *allium.Let:
			x = s.Value
		default:
			return
		}
		if !allium.IsCreation(x) {
			return
		}
		call := x.(*allium.Call)
		ent, ok := call.Fun.(*allium.Member).X.(*allium.Ident)
		if !ok || statuses[ent.Name] == nil {
			return
		}
		values := statuses[ent.Name]
		call.Args = slices.DeleteFunc(call.Args, func(a allium.Arg) bool {
			id, bare := a.Value.(*allium.Ident)
			if a.Name != "status" || !bare || slices.ContainsFunc(values, func(v allium.EnumValue) bool { return !v.Quoted && v.Name == id.Name }) {
				return false
			}
			where := ""
			if p := n.Info().Prov; p != nil && p.File != "" {
				where = p.File + ":" + strconv.Itoa(p.Line) + ": "
			}
			b.note("%s%s.created: the status given (%s) left out: it is none of the declared states, which a creation must start in", where, ent.Name, id.Name)
			b.stats.leaveOut(LeftOutValue)
			return true
		})
	})
}
