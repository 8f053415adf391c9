package distill

import "testing"

// TestRevisionScriptsReadForNothing: an Alembic revision script kept
// outside any migrations directory (dispatch's
// database/revisions/tenant/versions/*.py) declares the models again in
// the schema of its day; they are not the service's, and the entity and
// the rules are the application's model's. A module that assigns only one
// of revision and down_revision is read as any other.
func TestRevisionScriptsReadForNothing(t *testing.T) {
	models := `from sqlalchemy import Column, Integer, String
from sqlalchemy.orm import declarative_base
Base = declarative_base()

class Incident(Base):
    __tablename__ = "incident"
    id = Column(Integer, primary_key=True)
    title = Column(String)
`
	service := `from .models import Incident

def get(*, db_session, incident_id: int):
    return db_session.query(Incident).filter(Incident.id == incident_id).first()

def delete(*, db_session, incident_id: int):
    db_session.query(Incident).filter(Incident.id == incident_id).delete()
    db_session.commit()
`
	views := `from fastapi import APIRouter, HTTPException
from .service import get, delete
router = APIRouter()

@router.delete("/{incident_id}")
def delete_incident(db_session: DbSession, incident_id: int):
    incident = get(db_session=db_session, incident_id=incident_id)
    if not incident:
        raise HTTPException(status_code=404, detail="no")
    delete(db_session=db_session, incident_id=incident_id)
`
	script := func(top string) string {
		return `from alembic import op
from sqlalchemy import Column, Integer, Numeric
from sqlalchemy.orm import declarative_base
Base = declarative_base()
` + top + `
class Incident(Base):
    __tablename__ = "incident"
    id = Column(Integer, primary_key=True)
    total_cost = Column(Numeric)

def upgrade():
    pass
`
	}
	for _, tt := range []struct {
		name, top     string
		want, notWant []string
	}{
		{name: "revision script", top: "revision = \"3820a792d88a\"\ndown_revision = \"6c1a250b1e4b\"\n",
			want: []string{"title: String"}, notWant: []string{"total_cost"}},
		{name: "one of the names", top: "revision = \"3820a792d88a\"\n",
			want: []string{"total_cost"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d := New(Options{})
			defer d.Close()
			out := distilText(t, d, map[string]string{
				"app/incident/models.py":                     models,
				"app/incident/service.py":                    service,
				"app/incident/views.py":                      views,
				"app/database/revisions/versions/3820a79.py": script(tt.top),
			})
			wantConstruct(t, out, "Incident", tt.want, tt.notWant)
			if tt.name == "revision script" {
				wantConstruct(t, out, "DeleteIncident", []string{"requires: exists incident", "ensures: not exists incident"}, nil)
			}
		})
	}
}
