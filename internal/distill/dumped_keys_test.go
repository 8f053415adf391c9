package distill

import (
	"strings"
	"testing"
)

// The models, schemas and lookup shared by the dispatch-shaped cases below
// (a FastAPI service over SQLAlchemy, pydantic request schemas).
const dpModels = `from sqlalchemy import Column, Integer, String, ForeignKey, Boolean
from sqlalchemy.orm import declarative_base, relationship
from pydantic import BaseModel
Base = declarative_base()

class Project(Base):
    __tablename__ = "project"
    id = Column(Integer, primary_key=True)
    name = Column(String)

class Incident(Base):
    __tablename__ = "incident"
    id = Column(Integer, primary_key=True)
    title = Column(String)
    name = Column(String)
    status = Column(String)
    description = Column(String)
    project_id = Column(Integer, ForeignKey("project.id"))
    project = relationship("Project")

class Membership(Base):
    __tablename__ = "membership"
    incident_id = Column(Integer, ForeignKey("incident.id"), primary_key=True)
    project_id = Column(Integer, ForeignKey("project.id"), primary_key=True)
    role = Column(String)

class ProjectRead(BaseModel):
    id: int | None = None
    name: str

class Role(BaseModel):
    role: str | None = None

class IncidentCreate(BaseModel):
    title: str
    name: str
    project: ProjectRead

class IncidentUpdate(BaseModel):
    title: str
    description: str | None = None
    status: str | None = None
    roles: list[Role] | None = None
`

const dpViews = `from fastapi import APIRouter, HTTPException
from .service import get, update, create
from .models import IncidentUpdate, IncidentCreate
router = APIRouter()

@router.post("")
def create_incident(db_session: DbSession, incident_in: IncidentCreate):
    return create(db_session=db_session, incident_in=incident_in)

@router.put("/{incident_id}")
def update_incident(db_session: DbSession, incident_id: int, incident_in: IncidentUpdate):
    incident = get(db_session=db_session, incident_id=incident_id)
    if not incident:
        raise HTTPException(status_code=404, detail="no")
    return update(db_session=db_session, incident=incident, incident_in=incident_in)
`

func dpService(update string) string {
	return `from .models import Incident, Project, Membership

def get(*, db_session, incident_id: int):
    return db_session.query(Incident).filter(Incident.id == incident_id).first()

def get_project(*, db_session, name: str):
    return db_session.query(Project).filter(Project.name == name).one_or_none()

def create(*, db_session, incident_in):
    project = get_project(db_session=db_session, name=incident_in.project.name)
    if not project:
        raise ValueError("no project")
    incident = Incident(**incident_in.dict(exclude={"project"}), project=project)
    db_session.add(incident)
    db_session.commit()
    return incident

def set_role(*, db_session, incident, role_in):
    membership = db_session.query(Membership).filter(Membership.incident_id == incident.id).one_or_none()
    membership.role = role_in.role
    return membership

def update(*, db_session, incident, incident_in):
` + update + `
    incident.status = incident_in.status
    db_session.commit()
    return incident
`
}

// TestDumpedKeysLoop: a setattr loop over the keys of a dump of the
// request's schema (dispatch's incident/service.py:388-407, for field in
// update_data.keys()), or over the row's fields guarded by the dump
// (case_cost_type/service.py:112-117), sets each field the request gave,
// as the items loop does; before, the loop went without a rule line or a
// note.
func TestDumpedKeysLoop(t *testing.T) {
	want := []string{"incident.title = title", "if exists description:\n            incident.description = description", "incident.status = status"}
	for _, tt := range []struct{ name, loop string }{
		{"keys", "    update_data = incident_in.dict(exclude_unset=True, exclude={\"status\", \"roles\"})\n    for field in update_data.keys():\n        setattr(incident, field, update_data[field])"},
		{"plain", "    update_data = incident_in.dict(exclude_unset=True, exclude={\"status\", \"roles\"})\n    for field in update_data:\n        setattr(incident, field, update_data[field])"},
		{"row fields", "    incident_data = incident.dict()\n    update_data = incident_in.dict(exclude_unset=True, exclude={\"status\", \"roles\"})\n    for field in incident_data:\n        if field in update_data:\n            setattr(incident, field, update_data[field])"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d := New(Options{})
			defer d.Close()
			out := distilText(t, d, map[string]string{
				"app/incident/models.py":  dpModels,
				"app/incident/service.py": dpService(tt.loop),
				"app/incident/views.py":   dpViews,
			})
			wantConstruct(t, out, "UpdateIncident", want, nil)
		})
	}
}

// TestNestedShapeNameShared: a field of a nested request schema that
// shares its name with a field of the schema holding it (dispatch's
// CaseCostTypeCreate.name and .project.name, case_cost_type/service.py:96
// with project/service.py:43) is not the request's input of that name:
// the project is not required to be named as the incident. A nested
// field no other field shares (Medusa's accept-invite user) is still the
// input of its name.
func TestNestedShapeNameShared(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	out := distilText(t, d, map[string]string{
		"app/incident/models.py":  dpModels,
		"app/incident/service.py": dpService("    pass"),
		"app/incident/views.py":   dpViews,
	})
	wantConstruct(t, out, "CreateIncident", []string{"Incident.created(", "name: name"}, []string{"Project{name"})
}

// TestLoopCallingWriter: a loop the walk does not follow whose body calls
// a function of the service that sets a row's field (dispatch's
// auth/service.py:231-234 calling create_or_update_organization_role,
// which sets organization_role.role) is noted as left out; before, it
// went unsaid.
func TestLoopCallingWriter(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	loop := "    roles = []\n    for role in incident_in.roles:\n        roles.append(set_role(db_session=db_session, incident=incident, role_in=role))"
	out := distilText(t, d, map[string]string{
		"app/incident/models.py":  dpModels,
		"app/incident/service.py": dpService(loop),
		"app/incident/views.py":   dpViews,
	})
	found := false
	for _, n := range out.Notes {
		if strings.Contains(n, "service.py:25: a loop left out of rule UpdateIncident") {
			found = true
		}
	}
	if !found {
		t.Errorf("no note of the loop at service.py:25 in %v", out.Notes)
	}
}
