package distill

import (
	"slices"
	"strings"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/facts"
)

// A row the rule created and then assigned to is created with the values
// the code leaves in it (written_rows.go), but a later write that lists
// the only columns it writes (Django's save(update_fields=[...]), catalog
// update_stamps.field_lists) stores no other: plane's
// IssueCommentListCreateAPIEndpoint.post sets the new comment's
// created_at, created_by_id and actor_id, then saves with
// update_fields=["created_at", "created_by"] (api/views/issue.py:
// 1448-1453), so the actor stays the one the serializer's save was
// given, request.user.

// unsavedArg is the value a field of a created row had before an
// assignment the store has not been written since; had is false when the
// creation did not give the field.
type unsavedArg struct {
	prev allium.Expr
	had  bool
}

// noteUnsaved records, before field of v is assigned, the value it has:
// only for a row already created, and only the first such value until
// the row is written again.
func (v *value) noteUnsaved(field string) {
	if !v.done {
		return
	}
	if _, seen := v.unsaved[field]; seen {
		return
	}
	if v.unsaved == nil {
		v.unsaved = map[string]unsavedArg{}
	}
	u := unsavedArg{}
	if i := slices.IndexFunc(v.args, func(a allium.Arg) bool { return a.Name == field }); i >= 0 {
		u = unsavedArg{prev: v.args[i].Value, had: true}
	}
	v.unsaved[field] = u
}

// savedFields reads call, a write of v (a created row): the fields
// assigned since the last write that it does not list go back to the
// values they had, as the store keeps them. A write that lists none
// (row.save()) writes them all; one whose list is not written out in the
// call is taken to write none of them, saying less.
func (rc *ruleCtx) savedFields(call *facts.Expr, v *value) {
	if !v.done || len(v.unsaved) == 0 {
		return
	}
	defer func() { v.unsaved = nil }()
	var list *facts.Expr
	for _, name := range rc.b.lang.UpdateStamps.FieldLists {
		if kw := call.Keyword(name); kw != nil {
			list = kw
			break
		}
	}
	if list == nil {
		return
	}
	ent := rc.b.entByName[v.ent]
	written := map[string]bool{}
	if ent != nil && (list.Kind == facts.ExprList || list.Kind == facts.ExprTuple) {
		for _, a := range list.Args() {
			if a.Kind != facts.ExprString {
				continue
			}
			f := ent.attrField(a.Value())
			if f == nil {
				f = ent.attrField(strings.TrimSuffix(a.Value(), "_id"))
			}
			if f != nil {
				written[f.name] = true
			}
		}
	}
	changed := false
	for _, field := range sortedKeys(v.unsaved) {
		if written[field] {
			continue
		}
		u := v.unsaved[field]
		changed = true
		if u.had {
			v.args = setArg(v.args, field, u.prev)
			continue
		}
		v.args = slices.DeleteFunc(v.args, func(a allium.Arg) bool { return a.Name == field })
	}
	if changed {
		v.restate()
	}
}
