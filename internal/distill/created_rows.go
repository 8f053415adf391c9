package distill

import (
	"slices"

	"github.com/distill/distill/internal/allium"
)

// A lookup that runs after the rule created a row, by a unique field equal
// to the value the row was created with, reads that row back:
//
//	user = User(email=info.email, ...)
//	db.session.add(user)
//	...
//	user = db.session.execute(db.select(User).filter_by(email=email)).scalar_one_or_none()
//
// (flaskbb's registration post-processor hands the new user's email to the
// account activator, which looks the user up again). A rule-level let
// reads the state before the rule, where no such row exists yet, so
// `let user = User{email}` and the guards on it would state the opposite
// of what runs: the lookup is the created row itself.

// createdRow is the row this rule created that q finds, or nil.
func (rc *ruleCtx) createdRow(q *query) *value {
	ent := rc.b.entByName[q.ent]
	if ent == nil || q.anyOf != nil || q.via != nil || q.bad > 0 || len(q.conds) == 0 {
		return nil
	}
	var byNew *value
	for _, v := range rc.made {
		if v.ent == q.ent && (rc.findsRow(ent, q, v) || pinsOwnID(q, v)) {
			return v
		}
		if v.ent == q.ent && rc.keyedByNewRow(q) && rc.matchesMade(q, v) {
			if byNew != nil {
				return nil // two rows made here match: not one
			}
			byNew = v
		}
	}
	return byNew
}

// keyedByNewRow reports whether a condition of q names a row this rule
// created (IntakeIssue.objects.get(issue_id=serializer.data["id"], ...)
// after the save made the issue, plane app/views/intake/base.py:
// 316-320): before the rule no row refers to it, so only rows the rule
// made can match.
func (rc *ruleCtx) keyedByNewRow(q *query) bool {
	for _, c := range q.conds {
		id, ok := c.val.(*allium.Ident)
		if !ok || c.op != allium.OpEq || len(c.path) > 0 {
			continue
		}
		for _, v := range rc.made {
			if v.letName != "" && v.letName == id.Name {
				return true
			}
		}
	}
	return false
}

// matchesMade reports whether every condition of q is an equality with
// the value v was created with.
func (rc *ruleCtx) matchesMade(q *query, v *value) bool {
	for _, c := range q.conds {
		if c.op != allium.OpEq || len(c.path) > 0 || c.val == nil {
			return false
		}
		if got := argValue(v.args, c.field); got == nil || exprKey(got) != exprKey(c.val) {
			return false
		}
	}
	return true
}

// pinsOwnID reports whether q looks the row v up by v's own id among
// other equalities (plane's refetch after serializer.save(),
// Issue.objects.filter(workspace__slug=slug, project_id=project_id,
// pk=serializer.data["id"]).first(), api/views/issue.py:467): one row
// has that id, the one made, and the other filters only narrow a lookup
// that can find no other. Stated as a join, it would read the state
// before the rule, where that row does not exist yet.
func pinsOwnID(q *query, v *value) bool {
	if v.letName == "" || len(q.conds) < 2 || len(q.alts) > 0 {
		return false
	}
	own := false
	for _, c := range q.conds {
		if c.op != allium.OpEq || c.val == nil || c.orNull || c.many || c.fold {
			return false
		}
		if id, ok := c.val.(*allium.Ident); ok && c.field == "id" && len(c.path) == 0 && id.Name == v.letName {
			own = true
		}
	}
	return own
}

// findsRow reports whether every condition of q is an equality with the
// value v was created with, and one of them is on a unique field, or they
// pin every column of a key the model declares unique (unique_keys.go).
func (rc *ruleCtx) findsRow(ent *entityInfo, q *query, v *value) bool {
	unique := false
	pinned := map[string]bool{}
	for _, c := range q.conds {
		pinned[c.field] = true
		if c.op != allium.OpEq || len(c.path) > 0 || c.val == nil {
			return false
		}
		if got := argValue(v.args, c.field); got == nil || exprKey(got) != exprKey(c.val) {
			return false
		}
		if f := ent.field(c.field); f != nil && rc.b.uniqueField(ent, f.attr) {
			unique = true
		}
	}
	return unique || slices.ContainsFunc(rc.b.uniqueKeys(ent), func(key []string) bool {
		return !slices.ContainsFunc(key, func(f string) bool { return !pinned[f] })
	})
}

// createdRowByOwnID is the row this rule created when q looks a row of
// its entity up by that row's id (warehouse's add_email(user.id, ...)
// right after create_user, whose get_user selects User.id == user_id):
// that row, not an input naming another; nil otherwise.
func (rc *ruleCtx) createdRowByOwnID(q *query) *value {
	if q == nil || q.bad > 0 || len(q.conds) != 1 || q.conds[0].field != "id" || q.conds[0].op != allium.OpEq {
		return nil
	}
	id, ok := q.conds[0].val.(*allium.Ident)
	if !ok {
		return nil
	}
	for _, v := range rc.made {
		if v.ent == q.ent && v.letName != "" && v.letName == id.Name {
			return v
		}
	}
	return nil
}
