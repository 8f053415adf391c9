package distill

import "testing"

// genericRepoModels are two SQLAlchemy models whose declarative base is a
// decorated class (@as_declarative), as tiangolo's full-stack template
// declares them.
const genericRepoModels = `
from sqlalchemy import Column, Integer, String
from sqlalchemy.ext.declarative import as_declarative

@as_declarative()
class Base:
    id: int

class User(Base):
    id = Column(Integer, primary_key=True)
    email = Column(String, nullable=False)
    full_name = Column(String)

class Tool(Base):
    id = Column(Integer, primary_key=True)
    name = Column(String)
`

// genericRepo is a generic repository class of the service, given its
// model as the third constructor argument (mealie's RepositoryGeneric),
// a subclass handing it on through super().__init__, and a factory whose
// cached properties build one per model.
const genericRepo = `
from functools import cached_property
from typing import Generic, TypeVar
from app.models import Tool, User
Model = TypeVar("Model")

class RepositoryGeneric(Generic[Model]):
    def __init__(self, session, primary_key, sql_model, schema):
        self.session = session
        self.primary_key = primary_key
        self.model = sql_model
        self.schema = schema

    def create(self, data):
        data = data if isinstance(data, dict) else data.model_dump()
        new_document = self.model(**data)
        self.session.add(new_document)
        self.session.commit()
        return new_document

    def delete_named(self, name):
        self.session.query(self.model).filter(self.model.name == name).delete()
        self.session.commit()

    def count_named(self, name):
        return self.session.query(self.model).filter(self.model.name == name).count()

class GroupRepository(RepositoryGeneric[Model]):
    def __init__(self, session, primary_key, sql_model, schema, *, group_id):
        super().__init__(session, primary_key, sql_model, schema)
        self.group_id = group_id

class AllRepositories:
    def __init__(self, session):
        self.session = session

    @cached_property
    def users(self):
        return GroupRepository(self.session, "id", User, None, group_id=None)

    @cached_property
    def tools(self):
        return RepositoryGeneric(self.session, "id", Tool, None)
`

// genericRepoController reaches the factory through a property that
// builds it once (if not self._repos: ...), as mealie's controllers do.
const genericRepoController = `
from fastapi import APIRouter
from fastapi_utils.cbv import cbv
from pydantic import BaseModel
from app.repos import AllRepositories
router = APIRouter()

class UserIn(BaseModel):
    email: str
    full_name: str

class BaseController:
    session = None
    _repos = None

    @property
    def repos(self):
        if not self._repos:
            self._repos = AllRepositories(self.session)
        return self._repos
`

func TestGenericRepositoriesBoundToTheirModel(t *testing.T) {
	d := New(Options{})
	tests := []struct {
		name      string
		files     map[string]string
		construct string
		want      string
	}{
		{
			name: "a factory's cached property builds the repository; its create makes a row of the model it was given",
			files: map[string]string{"app/models.py": genericRepoModels, "app/repos.py": genericRepo, "app/api.py": genericRepoController + `
@cbv(router)
class UserController(BaseController):
    @router.post("/users")
    def create_user(self, data: UserIn):
        return self.repos.users.create(data)
`},
			construct: "CreateUser",
			want: `rule CreateUser {
    when: CreateUser(email, full_name)
    ensures: User.created(email: email, full_name: full_name)
}`,
		},
		{
			name: "a property handing out a generic class given type arguments; its method runs the repository's",
			files: map[string]string{"app/models.py": genericRepoModels, "app/repos.py": genericRepo, "app/mixins.py": `
from typing import Generic, TypeVar
C = TypeVar("C")

class HttpRepo(Generic[C]):
    def __init__(self, repo, logger):
        self.repo = repo
        self.logger = logger

    def delete_one(self, name):
        self.repo.delete_named(name)
`, "app/api.py": genericRepoController + `
from functools import cached_property
from app.mixins import HttpRepo

@cbv(router)
class ToolController(BaseController):
    @cached_property
    def repo(self):
        return self.repos.tools

    @property
    def mixins(self):
        return HttpRepo[UserIn](self.repo, None)

    @router.delete("/tools/{name}")
    def delete_tool(self, name: str):
        return self.mixins.delete_one(name)
`},
			construct: "DeleteTool",
			want: `rule DeleteTool {
    when: DeleteTool(name)
    ensures:
        for tool in Tools where name = name:
            not exists tool
}`,
		},
		{
			name: "a model whose own __init__ sets a field from something else: the keyword given for it is left unsaid",
			files: map[string]string{"app/models.py": genericRepoModels + `
class Label(Base):
    id = Column(Integer, primary_key=True)
    name = Column(String)
    slug = Column(String)
    color = Column(String)

    def __init__(self, name, slug=None, color=None, **kwargs):
        self.name = name
        self.color = color
        self.slug = slugify(name)
`, "app/repos.py": genericRepo + `
from app.models import Label

class LabelRepositories:
    def __init__(self, session):
        self.session = session

    @cached_property
    def labels(self):
        return RepositoryGeneric(self.session, "id", Label, None)
`, "app/api.py": genericRepoController + `
from app.repos import LabelRepositories

class LabelIn(BaseModel):
    name: str
    slug: str
    color: str

@cbv(router)
class LabelController(BaseController):
    @router.post("/labels")
    def create_label(self, data: LabelIn):
        return LabelRepositories(self.session).labels.create(data)
`},
			construct: "CreateLabel",
			want: `rule CreateLabel {
    when: CreateLabel(name, color)
    ensures: Label.created(name: name, color: color)
}`,
		},
		{
			name: "a repository method that only reads states nothing",
			files: map[string]string{"app/models.py": genericRepoModels, "app/repos.py": genericRepo, "app/api.py": genericRepoController + `
@cbv(router)
class ToolController(BaseController):
    @router.get("/tools/{name}/count")
    def count_tools(self, name: str):
        return self.repos.tools.count_named(name)
`},
			construct: "CountTools",
			want:      "",
		},
		{
			name: "a module's repository read through its package (from app import crud; crud.user)",
			files: map[string]string{"app/models.py": genericRepoModels, "app/crud/base.py": `
from typing import Generic, TypeVar
ModelType = TypeVar("ModelType")

class CRUDBase(Generic[ModelType]):
    def __init__(self, model):
        self.model = model

    def get(self, db, id):
        return db.query(self.model).filter(self.model.id == id).first()

    def remove(self, db, *, id):
        obj = db.query(self.model).get(id)
        db.delete(obj)
        db.commit()
        return obj
`, "app/crud/crud_tool.py": `
from app.crud.base import CRUDBase
from app.models import Tool

class CRUDTool(CRUDBase[Tool]):
    pass

tool = CRUDTool(Tool)
`, "app/db.py": `
from sqlalchemy.orm import sessionmaker
SessionLocal = sessionmaker()

def get_db():
    db = SessionLocal()
    try:
        yield db
    finally:
        db.close()
`, "app/crud/__init__.py": `
from .crud_tool import tool
`, "app/api.py": `
from fastapi import APIRouter, Depends, HTTPException
from sqlalchemy.orm import Session
from app import crud
from app.db import get_db
router = APIRouter()

@router.delete("/tools/{id}")
def delete_tool(id: int, db: Session = Depends(get_db)):
    found = crud.tool.get(db, id=id)
    if not found:
        raise HTTPException(status_code=404)
    crud.tool.remove(db, id=id)
    return found
`},
			construct: "DeleteTool",
			want: `rule DeleteTool {
    when: DeleteTool(found)
    requires: exists found
    ensures: not exists found
}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, tt.files)
			if got := construct(out.Module, tt.construct); got != tt.want {
				t.Errorf("%s:\ngot:\n%s\nwant:\n%s\nnotes: %v", tt.construct, got, tt.want, out.Notes)
			}
		})
	}
}
