package distill

import "testing"

// TestGenericDBHelpers pins lemur's database module (database.py): a
// service layer over helpers handed the model class. get(model, value,
// field="id") queries `model.query if hasattr(model, "query") else
// db.session.query(model)` (session_query, :48-58) filtered by
// get_model_column(model, field) == value, the column taken from the
// model's table by name (:91-99); delete(model) deletes it only `if
// model:` (:190-197), under the caller's own `if destination:`. Before,
// the row found was unknown, so neither the lookup nor the delete was
// stated and the Flask-RESTful handlers had no rule.
func TestGenericDBHelpers(t *testing.T) {
	files := map[string]string{
		"app/extensions.py": `
from flask_sqlalchemy import SQLAlchemy
db = SQLAlchemy()
`,
		"app/models.py": `
from app.extensions import db

class Widget(db.Model):
    __tablename__ = "widgets"
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(128))
    active = db.Column(db.Boolean, default=True)
`,
		"app/database.py": `
from app.extensions import db

class AttrNotFound(Exception):
    pass

def session_query(model):
    return model.query if hasattr(model, "query") else db.session.query(model)

def get_model_column(model, field):
    if field in getattr(model, "sensitive_fields", ()):
        raise AttrNotFound(field)
    column = model.__table__.columns.get(field, None)
    if column is None:
        raise AttrNotFound(field)
    return column

def get(model, value, field="id"):
    query = session_query(model)
    return query.filter(get_model_column(model, field) == value).scalar()

def get_by_attr(model, value, field="id"):
    query = session_query(model)
    return query.filter(getattr(model, field) == value).scalar()

def commit():
    db.session.commit()

def update(model):
    commit()
    db.session.refresh(model)
    return model

def delete(model):
    if model:
        db.session.delete(model)
`,
		"app/service.py": `
from app import database
from app.models import Widget

def get(wid):
    return database.get(Widget, wid)

def get_named(name):
    return database.get_by_attr(Widget, name, field="name")

def delete(wid):
    widget = get(wid)
    if widget:
        database.delete(widget)

def deactivate(widget):
    widget.active = False
    return database.update(widget)
`,
		"app/views.py": `
from flask import Blueprint
from flask_restful import Api, Resource
from app import service

mod = Blueprint("widgets", __name__)
api = Api(mod)

class Widgets(Resource):
    def delete(self, wid):
        service.delete(wid)
        return {"result": True}

    def put(self, wid):
        widget = service.get(wid)
        if widget is None:
            return dict(message="no such widget"), 404
        service.deactivate(widget)
        return {"result": True}

class NamedWidgets(Resource):
    def put(self, name):
        widget = service.get_named(name)
        if not widget:
            return dict(message="no such widget"), 404
        service.deactivate(widget)
        return {"result": True}

api.add_resource(Widgets, "/widgets/<int:wid>")
api.add_resource(NamedWidgets, "/widgets/named/<name>")
`,
	}
	runIdiomCases(t, files, []idiomCase{
		{
			name:      "a row found by the generic helper is deleted once, under one test",
			construct: "DeleteWidgets",
			want:      []string{"if exists widget:\n            not exists widget"},
			notWant:   []string{"if exists widget:\n            if exists widget"},
		},
		{
			name:      "the table's column by name finds the row by its id",
			construct: "PutWidgets",
			want:      []string{"requires: exists widget", "widget.active = false"},
		},
		{
			name:      "getattr of the model class by a named column finds the row by that column",
			construct: "NamedWidgets",
			want:      []string{"let widget = Widget{name}", "widget.active = false"},
		},
	})
}
