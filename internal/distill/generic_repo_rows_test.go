package distill

import "testing"

// constKeyModels are SQLAlchemy models with a parent and its parts, and
// a user whose own update method runs its permission setter with
// defaults (mealie's User.update and _set_permissions,
// db/models/users/users.py:163-215).
const constKeyModels = `
from sqlalchemy import Boolean, Column, ForeignKey, Integer, String, select
from app.text import mangle
from sqlalchemy.ext.declarative import as_declarative
from sqlalchemy.orm import relationship

@as_declarative()
class Base:
    id: int

class Team(Base):
    id = Column(Integer, primary_key=True)
    name = Column(String)
    label = Column(String)

class Member(Base):
    id = Column(Integer, primary_key=True)
    email = Column(String)
    admin = Column(Boolean)
    can_invite = Column(Boolean)
    team_id = Column(Integer, ForeignKey("team.id"))
    team = relationship("Team")

    def update(self, session, email, team, **kwargs):
        self.email = email
        self.team = session.execute(select(Team).filter(Team.name == team, Team.label == mangle(team))).scalars().one_or_none()
        self._set_permissions(**kwargs)

    def _set_permissions(self, can_invite=False, **_):
        self.can_invite = can_invite

    def set_email(self, email):
        self.email = email

class Tool(Base):
    id = Column(Integer, primary_key=True)
    name = Column(String)
    parts = relationship("Part", back_populates="tool")

class Part(Base):
    id = Column(Integer, primary_key=True)
    quantity = Column(Integer)
    kind = Column(String)
    tool_id = Column(Integer, ForeignKey("tool.id"))
    tool = relationship("Tool", back_populates="parts")
`

// constKeyRepo is a generic repository given the column it finds rows by
// as a module constant (mealie's PK_ID = "id", repos/
// repository_factory.py:80), whose delete finds the row through a
// keyword builder (_query_one, repos/repository_generic.py:132-141).
const constKeyRepo = `
import shutil
from functools import cached_property
from typing import Generic, TypeVar
from sqlalchemy import select
from app.models import Member, Part, Tool
Model = TypeVar("Model")
PK_ID = "id"

class RepositoryGeneric(Generic[Model]):
    def __init__(self, session, primary_key, sql_model):
        self.session = session
        self.primary_key = primary_key
        self.model = sql_model

    def _filter_builder(self, **kwargs):
        dct = {}
        return {**dct, **kwargs}

    def _query_one(self, match_value, match_key=None):
        if match_key is None:
            match_key = self.primary_key
        fltr = self._filter_builder(**{match_key: match_value})
        return self.session.execute(self._query().filter_by(**fltr)).scalars().one()

    def _query(self, with_options=True):
        q = select(self.model)
        if with_options:
            return q.options(*self.loader_options)
        return q

    def get_one(self, value, key=None):
        key = key or self.primary_key
        q = select(self.model).filter_by(**self._filter_builder(**{key: value}))
        return self.session.execute(q).scalars().one_or_none()

    def update(self, match_value, new_data):
        new_data = new_data if isinstance(new_data, dict) else new_data.model_dump()
        entry = self._query_one(match_value=match_value)
        entry.update(session=self.session, **new_data)
        self.session.commit()
        return entry

    def delete(self, value, match_key=None):
        match_key = match_key or self.primary_key
        result = self._query_one(value, match_key)
        self.session.delete(result)
        self.session.commit()
        return result

class RepositoryMembers(RepositoryGeneric[Member]):
    def delete(self, value, match_key=None):
        entry = super().delete(value, match_key)
        shutil.rmtree(str(value))
        return entry

class AllRepositories:
    def __init__(self, session):
        self.session = session

    @cached_property
    def members(self):
        return RepositoryMembers(self.session, PK_ID, Member)

    @cached_property
    def tools(self):
        return RepositoryGeneric(self.session, PK_ID, Tool)

    @cached_property
    def parts(self):
        return RepositoryGeneric(self.session, PK_ID, Part)
`

const constKeyController = `
from fastapi import APIRouter, HTTPException
from fastapi_utils.cbv import cbv
from app.repos import AllRepositories
from app.text import mangle
router = APIRouter()

class HttpRepo:
    def __init__(self, repo, logger):
        self.repo = repo
        self.logger = logger

    def delete_one(self, item_id):
        item = None
        try:
            item = self.repo.delete(item_id)
            self.logger.info("deleted")
        except Exception as ex:
            raise HTTPException(400) from ex
        return item

class BaseController:
    session = None
    _repos = None
    logger = None

    @property
    def repos(self):
        if not self._repos:
            self._repos = AllRepositories(self.session)
        return self._repos
`

func TestGenericRepositoryRows(t *testing.T) {
	d := New(Options{})
	tests := []struct {
		name      string
		api       string
		construct string
		want      string
	}{
		{
			name: "a repository given its key column as a module constant deletes the row that id names",
			api: `
@cbv(router)
class ToolController(BaseController):
    @router.delete("/tools/{item_id}")
    def delete_tool(self, item_id: int):
        return self.repos.tools.delete(item_id)
`,
			construct: "DeleteTool",
			want: `rule DeleteTool {
    when: DeleteTool(result)
    ensures: not exists result
}`,
		},
		{
			name: "an override's super() call of its own base method adds no inline depth",
			api: `
@cbv(router)
class MemberController(BaseController):
    @property
    def mixins(self):
        return HttpRepo(self.repos.members, self.logger)

    @router.delete("/members/{item_id}")
    def remove_member(self, item_id: int):
        return self.mixins.delete_one(item_id)
`,
			construct: "RemoveMember",
			want: `rule RemoveMember {
    when: RemoveMember(result)
    ensures: not exists result
}`,
		},
		{
			name: "a test of the input id against a literal is left out when the id becomes the row it names",
			api: `
@cbv(router)
class MemberController(BaseController):
    @property
    def mixins(self):
        return HttpRepo(self.repos.members, self.logger)

    @router.delete("/members/{item_id}/hard")
    def purge_member(self, item_id: int):
        if item_id == 1:
            raise HTTPException(403)
        found = self.repos.members.get_one(item_id)
        if not found:
            raise HTTPException(404)
        self.repos.members.delete(item_id)
`,
			construct: "PurgeMember",
			want: `rule PurgeMember {
    when: PurgeMember(found)
    requires: exists found
    ensures: not exists found
}`,
		},
		{
			name: "a row spread into a method's keywords gives the parameters it holds: their defaults are not stated",
			api: `
@cbv(router)
class MemberController(BaseController):
    @router.put("/members/{item_id}/invite")
    def allow_invites(self, item_id: int, can_invite: bool):
        member = self.repos.members.get_one(item_id)
        if not member:
            raise HTTPException(404)
        member.can_invite = can_invite
        return self.repos.members.update(item_id, member)
`,
			construct: "AllowInvites",
			want: `rule AllowInvites {
    when: AllowInvites(member, can_invite)
    requires: exists member
    ensures: member.can_invite = can_invite
}`,
		},
		{
			name: "a lookup with a condition the walk could not read is no value: the rest of it names other rows",
			api: `
@cbv(router)
class MemberController(BaseController):
    @router.put("/members/{item_id}")
    def update_member(self, item_id: int, email: str, team: str):
        return self.repos.members.update(item_id, {"email": email, "team": team})
`,
			construct: "UpdateMember",
			want: `rule UpdateMember {
    when: UpdateMember(email, entry, team)
    ensures:
        entry.email = email
        entry.can_invite = false
}`,
		},
		{
			name: "a field given a value the walk could not read is unknown when read after",
			api: `
@cbv(router)
class PartController(BaseController):
    @router.post("/parts/{item_id}/use")
    def use_part(self, item_id: int, kind: str):
        part = self.repos.parts.get_one(item_id)
        if part is None:
            raise HTTPException(404)
        part.quantity -= mangle(kind)
        if part.quantity <= 0:
            self.repos.parts.delete(part.id)
`,
			construct: "UsePart",
			want:      "",
		},
		{
			name: "a field one branch gives an unread value is read as it was in the other branch",
			api: `
@cbv(router)
class PartController(BaseController):
    @router.post("/parts/{item_id}/reset")
    def reset_part(self, item_id: int, kind: str):
        part = self.repos.parts.get_one(item_id)
        if part is None:
            raise HTTPException(404)
        if part.kind is None:
            part.kind = mangle(kind)
        else:
            if part.kind == "spare":
                part.quantity = 0
        self.session.commit()
`,
			construct: "ResetPart",
			want: `rule ResetPart {
    when: ResetPart(part)
    requires: exists part
    ensures:
        if part.kind != null:
            if part.kind = "spare":
                part.quantity = 0
}`,
		},
		{
			name: "an assignment made again with the value the rule gave the field already is stated once",
			api: `
@cbv(router)
class MemberController(BaseController):
    @router.put("/members/{item_id}/email")
    def change_email(self, item_id: int, email: str):
        member = self.repos.members.get_one(item_id)
        if member is None:
            raise HTTPException(404)
        member.email = email
        member.set_email(member.email)
        self.session.commit()
`,
			construct: "ChangeEmail",
			want: `rule ChangeEmail {
    when: ChangeEmail(member, email)
    requires: exists member
    ensures: member.email = email
}`,
		},
		{
			name: "a loop's row deleted through the repository by its id is that row, under the loop's skip guard",
			api: `
class ToolService:
    def __init__(self, repos):
        self.tools = repos.tools
        self.parts = repos.parts

    def drop_parts(self, tool_id, kind):
        tool = self.tools.get_one(tool_id)
        if tool is None:
            raise ValueError("no tool")
        for part in tool.parts:
            if part.kind != kind:
                continue
            self.parts.delete(part.id)
        return tool

@cbv(router)
class PartController(BaseController):
    @router.post("/tools/{item_id}/drop")
    def drop_parts(self, item_id: int, kind: str):
        return ToolService(self.repos).drop_parts(item_id, kind)
`,
			construct: "DropParts",
			want: `rule DropParts {
    when: DropParts(tool, kind)
    requires: exists tool
    ensures:
        for part in tool.parts:
            if part.kind = kind:
                not exists part
}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{"app/text.py": "import unicodedata\n\ndef mangle(s):\n    return unicodedata.normalize('NFKD', s).encode('ascii', 'ignore')\n", "app/models.py": constKeyModels, "app/repos.py": constKeyRepo, "app/api.py": constKeyController + tt.api})
			if got := construct(out.Module, tt.construct); got != tt.want {
				t.Errorf("%s:\ngot:\n%s\nwant:\n%s\nnotes: %v", tt.construct, got, tt.want, out.Notes)
			}
		})
	}
}
