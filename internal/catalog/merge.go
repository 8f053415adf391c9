package catalog

import "reflect"

// Merge returns the patterns of a service written in several languages:
// one section that holds what each of sections holds. Lists are the union
// of the sections' lists, in the order given, without repeats; maps hold
// every key, a key two sections share merged the same way; a single value
// (a string, a number) is the first section's that sets one. The sections
// are not changed.
//
// One section per service rather than one per file: the distiller reads a
// service as one whole (a helper of one file inlined into a handler of
// another, a model of one language looked up from the other), and the
// frameworks' names rarely mean two things across languages, so the union
// says what each file's own section says.
func Merge(sections ...*Language) *Language {
	out := &Language{}
	ov := reflect.ValueOf(out).Elem()
	for _, s := range sections {
		if s != nil {
			mergeValue(ov, reflect.ValueOf(s).Elem())
		}
	}
	return out
}

// mergeValue merges src into dst (settable) by the rules of Merge.
func mergeValue(dst, src reflect.Value) {
	switch src.Kind() {
	case reflect.Struct:
		for i := range src.NumField() {
			mergeValue(dst.Field(i), src.Field(i))
		}
	case reflect.Pointer:
		if src.IsNil() {
			return
		}
		if dst.IsNil() {
			dst.Set(reflect.New(src.Type().Elem()))
		}
		mergeValue(dst.Elem(), src.Elem())
	case reflect.Slice:
		n := reflect.MakeSlice(src.Type(), 0, dst.Len()+src.Len())
		n = reflect.AppendSlice(n, dst)
		for i := range src.Len() {
			if !containsValue(n, src.Index(i)) {
				n = reflect.Append(n, src.Index(i))
			}
		}
		if n.Len() > 0 {
			dst.Set(n)
		}
	case reflect.Map:
		if src.Len() == 0 {
			return
		}
		n := reflect.MakeMapWithSize(src.Type(), dst.Len()+src.Len())
		for _, k := range dst.MapKeys() {
			n.SetMapIndex(k, dst.MapIndex(k))
		}
		for _, k := range src.MapKeys() {
			v := reflect.New(src.Type().Elem()).Elem()
			if cur := n.MapIndex(k); cur.IsValid() {
				v.Set(cur)
			}
			mergeValue(v, src.MapIndex(k))
			n.SetMapIndex(k, v)
		}
		dst.Set(n)
	default:
		if dst.IsZero() {
			dst.Set(src)
		}
	}
}

func containsValue(list, v reflect.Value) bool {
	for i := range list.Len() {
		if reflect.DeepEqual(list.Index(i).Interface(), v.Interface()) {
			return true
		}
	}
	return false
}
