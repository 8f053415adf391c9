package compare

import (
	"reflect"

	"github.com/distill/distill/internal/allium"
)

// deepCopy returns a copy of an AST value that shares no pointer, slice or
// map with the original, so the copy can be renamed in place. The model is a
// tree (no cycles), which keeps the walk simple.
func deepCopy[T any](v T) T {
	rv := reflect.ValueOf(&v).Elem()
	out := reflect.New(rv.Type()).Elem()
	copyValue(out, rv, nil)
	return out.Interface().(T)
}

// origins maps constructs of a working copy to the variant's own
// (copyWithOrigins). through marks a copy of the working copy itself
// (an entity split by kind, splitDiscriminated): its constructs map to
// what the ones they were copied from map to.
type origins struct {
	m       map[allium.Node]allium.Node
	through bool
}

// deepCopyKeeping is deepCopy of part of a working copy that keeps the
// copy's constructs mapped to the variant's own, like the originals.
func deepCopyKeeping[T any](v T, m map[allium.Node]allium.Node) T {
	rv := reflect.ValueOf(&v).Elem()
	out := reflect.New(rv.Type()).Elem()
	var o *origins
	if m != nil {
		o = &origins{m: m, through: true}
	}
	copyValue(out, rv, o)
	return out.Interface().(T)
}

// copyWithOrigins is deepCopy of a variant's module that also maps each
// construct of the copy (entity, member, rule, clause, statement) to the
// variant's own one. Alignment renames the copy to the shared spec's names;
// the report quotes the variant's own text through this map, since the
// renamed text is in no spec (flask-accounts' `token.used = true` reads
// `reset.used_at = true` once renamed: testdata/services/flask_accounts/
// app/models/tokens.py:15 declares a Boolean `used`, not a timestamp).
func copyWithOrigins(m *allium.Module) (*allium.Module, map[allium.Node]allium.Node) {
	o := &origins{m: map[allium.Node]allium.Node{}}
	out := reflect.New(reflect.TypeOf(m)).Elem()
	copyValue(out, reflect.ValueOf(m), o)
	return out.Interface().(*allium.Module), o.m
}

func copyValue(dst, src reflect.Value, origins *origins) {
	switch src.Kind() {
	case reflect.Pointer:
		if src.IsNil() {
			return
		}
		p := reflect.New(src.Type().Elem())
		copyValue(p.Elem(), src.Elem(), origins)
		dst.Set(p)
		if origins != nil {
			if n, ok := src.Interface().(allium.Node); ok {
				if origins.through {
					n = origins.m[n]
				}
				if n != nil {
					origins.m[p.Interface().(allium.Node)] = n
				}
			}
		}
	case reflect.Interface:
		if src.IsNil() {
			return
		}
		inner := src.Elem()
		c := reflect.New(inner.Type()).Elem()
		copyValue(c, inner, origins)
		dst.Set(c)
	case reflect.Slice:
		if src.IsNil() {
			return
		}
		s := reflect.MakeSlice(src.Type(), src.Len(), src.Len())
		for i := range src.Len() {
			copyValue(s.Index(i), src.Index(i), origins)
		}
		dst.Set(s)
	case reflect.Map:
		if src.IsNil() {
			return
		}
		m := reflect.MakeMapWithSize(src.Type(), src.Len())
		iter := src.MapRange()
		for iter.Next() {
			v := reflect.New(iter.Value().Type()).Elem()
			copyValue(v, iter.Value(), origins)
			m.SetMapIndex(iter.Key(), v)
		}
		dst.Set(m)
	case reflect.Struct:
		for i := range src.NumField() {
			if dst.Field(i).CanSet() {
				copyValue(dst.Field(i), src.Field(i), origins)
			}
		}
	default:
		dst.Set(src)
	}
}

// CloneModule returns a deep copy of m that shares nothing with it. Callers
// that rewrite a spec before aligning it (internal/score normalises clause
// forms) work on a copy and leave the caller's module as it was.
func CloneModule(m *allium.Module) *allium.Module {
	if m == nil {
		return nil
	}
	return deepCopy(m)
}
