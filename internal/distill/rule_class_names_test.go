package distill

import (
	"testing"

	"github.com/distill/distill/internal/allium"
)

// TestRuleClassNames: handlers of one name in two classes give rules named
// by their classes (mealie's two merge_one, routes/unit_and_foods/
// foods.py:39 and units.py:39), not MergeOne and MergeOne2; a name used
// once keeps its plain form, and two module functions of one name keep
// the numbering (no class to tell them apart).
func TestRuleClassNames(t *testing.T) {
	d := New(Options{})
	const models = `
from django.db import models

class Food(models.Model):
    name = models.CharField(max_length=10)

class Unit(models.Model):
    name = models.CharField(max_length=10)
`
	const classViews = `
from fastapi import APIRouter
from fastapi_utils.cbv import cbv
from .models import Food, Unit
router = APIRouter()

@cbv(router)
class IngredientFoodsController:
    @router.post("/foods/merge")
    def merge_one(self, name: str):
        Food.objects.create(name=name)

@cbv(router)
class IngredientUnitsController:
    @router.post("/units/merge")
    def merge_one(self, name: str):
        Unit.objects.create(name=name)

@cbv(router)
class TagsController:
    @router.post("/tags")
    def create_one(self, name: str):
        Unit.objects.create(name=name)
`
	const flaskViews = `
from flask import Blueprint, request
from .models import Food, Unit
bp = Blueprint("a", __name__)
bp2 = Blueprint("b", __name__)

@bp.post("/foods")
def create():
    Food.objects.create(name=request.form["name"])
`
	const flaskViews2 = `
from flask import Blueprint, request
from .models import Unit
bp2 = Blueprint("b", __name__)

@bp2.post("/units")
def create():
    Unit.objects.create(name=request.form["name"])
`
	for _, tc := range []struct {
		name         string
		files        map[string]string
		want, absent []string
	}{
		{
			name:   "methods of one name in two classes are named by class",
			files:  map[string]string{"app/models.py": models, "app/views.py": classViews},
			want:   []string{"rule IngredientFoodsMergeOne {", "when: IngredientFoodsMergeOne(name)", "rule IngredientUnitsMergeOne {", "rule CreateOne {"},
			absent: []string{"rule MergeOne {", "rule MergeOne2 {", "rule TagsCreateOne"},
		},
		{
			name:  "module functions of one name keep the numbering",
			files: map[string]string{"app/models.py": models, "app/foods.py": flaskViews, "app/units.py": flaskViews2},
			want:  []string{"rule Create {", "rule Create2 {"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := distilText(t, d, tc.files)
			text := string(allium.Print(out.Module, allium.PrintOptions{}))
			assertSpecText(t, text, tc.want, tc.absent)
		})
	}
}
