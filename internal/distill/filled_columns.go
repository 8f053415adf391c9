package distill

import (
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// A model serializer made to create a row (no partial=True) builds a
// required field that refuses an empty value for each text column of its
// model that has no default and allows neither blank nor null (DRF's
// ModelSerializer: CharField(allow_blank=False); catalog shapes.
// filled_columns). Its validate(data) then always finds that field
// given and non-empty: plane's WorkspaceInviteSerializer.validate tests
// `data.get("email") and WorkspaceMemberInvite.objects.filter(email=...,
// workspace__slug=slug).exists()` (api/serializers/invite.py:55-58) of
// WorkspaceMemberInvite.email = models.CharField(max_length=255)
// (db/models/workspace.py:236): the invite is refused when one for that
// email exists, the first test always true (filledOr).

// completeShape reports a shape the code made itself (its constructor's
// keywords are its parts) with no keyword of catalog
// shapes.partial_keywords, or one given a literal false.
func (rc *ruleCtx) completeShape(form *value) bool {
	sh := rc.b.lang.Shapes
	if sh == nil || form == nil || len(form.parts) == 0 {
		return false
	}
	for _, part := range form.parts {
		if part.e == nil || part.e.Kind != facts.ExprDict {
			return false
		}
		for i := range part.e.Entries() {
			en := &part.e.Entries()[i]
			if en.Key == nil || en.Key.Kind != facts.ExprString {
				return false // a spread: what it gives is not read
			}
			if rc.partialEntry(en) {
				return false
			}
		}
	}
	return true
}

// filledColumn reports key, a field a model shape takes from its model
// (metaColumn), declared as a text column of catalog shapes.
// filled_columns with none of the options that let it be left out or
// sent empty.
func (rc *ruleCtx) filledColumn(shape *classRef, key string) bool {
	sh := rc.b.lang.Shapes
	if sh == nil || sh.FilledColumns == nil || rc.metaColumn(shape, key) == nil {
		return false
	}
	ent := rc.b.entByName[rc.metaEntity(shape)]
	if ent == nil {
		return false
	}
	decl, _ := rc.b.classField(ent.ref, key)
	if decl == nil || decl.Kind != facts.ExprCall || decl.X == nil || !catalog.MatchAny(sh.FilledColumns.Types, decl.Resolved(), decl.Raw()) {
		return false
	}
	if optionalOption(decl, sh.FilledColumns.Options) {
		return false
	}
	for _, k := range sh.FilledColumns.Keywords {
		if decl.Keyword(k) != nil {
			return false
		}
	}
	for _, kw := range decl.Keywords() {
		if kw.Name == "**" {
			return false // options spread in: not read
		}
	}
	return true
}

// metaEntity is the entity a model shape's Meta names, or "".
func (rc *ruleCtx) metaEntity(shape *classRef) string {
	ent, _ := rc.shapeMeta(shape)
	return ent
}

// dataRead reports a read of one key of a mapping (data.get("email"),
// data["email"]), which filledOr may find to be a filled input.
func dataRead(e *facts.Expr) bool {
	switch e.Kind {
	case facts.ExprCall:
		return e.Method() == "get" && len(e.Args()) == 1 && e.Args()[0].Kind == facts.ExprString
	case facts.ExprSubscript:
		return e.Y != nil && e.Y.Kind == facts.ExprString
	}
	return false
}

// partialShape reports a shape the code made with a keyword of catalog
// shapes.partial_keywords not given a literal false (partial=True): its
// data holds only the fields the request gave.
func (rc *ruleCtx) partialShape(form *value) bool {
	sh := rc.b.lang.Shapes
	if sh == nil || form == nil {
		return false
	}
	for _, part := range form.parts {
		if part.e == nil || part.e.Kind != facts.ExprDict {
			continue
		}
		for i := range part.e.Entries() {
			if en := &part.e.Entries()[i]; en.Key != nil && en.Key.Kind == facts.ExprString && rc.partialEntry(en) {
				return true
			}
		}
	}
	return false
}

// partialEntry reports a constructor keyword of a shape (an entry of its
// parts) of catalog shapes.partial_keywords not given a literal false.
func (rc *ruleCtx) partialEntry(en *facts.DictEntry) bool {
	return catalog.Match(rc.b.lang.Shapes.PartialKeywords, en.Key.Value()) && !isFalseLit(&en.Value)
}
