package distill

import (
	"strings"
	"testing"
)

// TestHelperRowNamedPastModelSuffix: a row a helper found under a local
// of its own (result) is named after the caller's variable when that
// names the entity; for a class whose name ends in a catalogued suffix
// saying only that it is a model (mealie's RecipeModel,
// routes/recipe/timeline_events.py:61), the entity's word is the one
// before the suffix (recipe), not "model".
func TestHelperRowNamedPastModelSuffix(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	models := `
from flask_sqlalchemy import SQLAlchemy
db = SQLAlchemy()

class %s(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String, nullable=False)
`
	views := `
from flask import Flask, request, abort
from app.models import db, %s
app = Flask(__name__)

def get_one(name):
    result = %s.query.filter_by(name=name).first()
    if not result:
        return None
    return result

@app.post("/recipes/rename")
def rename_recipe():
    data = request.get_json()
    %s = get_one(data["name"])
    if not %s:
        abort(404)
    %s.name = data["new_name"]
    db.session.commit()
    return "ok"
`
	tests := []struct {
		name, class, local, want string
	}{
		{"model suffix", "RecipeModel", "recipe", "let recipe = RecipeModel{name}"},
		{"entity suffix", "RecipeEntity", "recipe", "let recipe = RecipeEntity{name}"},
		{"no suffix", "Recipe", "recipe", "let recipe = Recipe{name}"},
		{"the suffix alone is the name", "Model", "recipe", "let result = Model{name}"},
		{"caller's name not the entity's", "RecipeModel", "item", "let result = RecipeModel{name}"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v := strings.ReplaceAll(strings.Replace(strings.Replace(views, "%s", tc.class, 2), "%s", tc.local, 3), "%s", tc.local)
			out := distilText(t, d, map[string]string{
				"app/models.py": strings.Replace(models, "%s", tc.class, 1),
				"app/views.py":  v,
			})
			got := construct(out.Module, "RenameRecipe")
			if !strings.Contains(got, tc.want) {
				t.Errorf("want %q in\n%s", tc.want, got)
			}
		})
	}
}
