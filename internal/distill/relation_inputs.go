package distill

import (
	"slices"

	"github.com/distill/distill/internal/facts"
)

// A model shape (DRF's ModelSerializer, Django's ModelForm) that takes a
// reference field of its model without declaring a field of its own for
// it gets the framework's field for a key (PrimaryKeyRelatedField,
// ModelChoiceField): the request sends the key, and the validated data
// holds the row it names, or None. Its validators then test the row's
// truth and read its key (plane's IssueCreateSerializer.validate:
// `attrs.get("state") and not state_manager.filter(project_id=...,
// pk=attrs.get("state").id).exists()`, app/serializers/issue.py:166-173).
// A model row has no truth of its own (Django's Model defines neither
// __bool__ nor __len__), so the test is that the input is not null, and
// its id or pk is the key the request sent, the input itself, as a
// lookup by the row (pk=attrs["state"]) already reads it.

// relationField is the entity that key, an input of the model shape data
// holds, refers to: a reference column of the shape's model that the
// shape's Meta lists and the shape does not declare a field for itself;
// "" otherwise, and for input as sent (initial_data), which holds the key.
func (rc *ruleCtx) relationField(data *value, key string) string {
	if data.rawInput {
		return ""
	}
	f := rc.metaColumn(data.shape, key)
	if f == nil || !f.ownRelation || f.fkEntity == "" || f.typ == nil || f.typ.Name != f.fkEntity {
		return ""
	}
	return f.fkEntity
}

// metaColumn is the column of a model shape's model that the shape takes
// under key as the framework builds it: listed by the Meta, not read-only
// (a read-only field is never in the validated data), and with no field
// of the shape's own declaring it. nil otherwise.
func (rc *ruleCtx) metaColumn(shape *classRef, key string) *fieldInfo {
	sh := rc.b.lang.Shapes
	if sh == nil || shape == nil || !rc.b.matchBases(shape, sh.ModelForms) {
		return nil
	}
	entName, fields := rc.shapeMeta(shape)
	ent := rc.b.entByName[entName]
	if ent == nil || !slices.Contains(fields, key) || rc.b.readOnlyFields(shape)[key] {
		return nil
	}
	f := ent.attrs[key]
	if f == nil || f.drop {
		return nil
	}
	declared, _ := rc.b.classAssignment(shape, key, func(a *facts.Assignment) bool { return a.Value != nil })
	if declared != nil {
		return nil // the shape's own field: what it validates to is its own
	}
	return f
}
