package distill

import "testing"

// TestUntypedMethodIdioms pins dispatch's MFA check: the plugin comes from
// a registry the walk cannot type, and the one class of the service that
// defines the method called on it is what runs; an early return of a
// result (an already-approved challenge) makes the checks after it hold
// only when it was not taken.
func TestUntypedMethodIdioms(t *testing.T) {
	d := New(Options{})
	models := `
from sqlalchemy import Column, String, Integer, Boolean
from sqlalchemy.orm import declarative_base
Base = declarative_base()

class Challenge(Base):
    __tablename__ = "challenges"
    id = Column(Integer, primary_key=True)
    challenge_id = Column(String, nullable=False)
    status = Column(String, nullable=False)
    valid = Column(Boolean, nullable=False)
`
	view := func(call string) string {
		return `
from fastapi import APIRouter, HTTPException
from pydantic import BaseModel
import requests
from .plugins import registry
router = APIRouter()

class Payload(BaseModel):
    challenge_id: str

@router.post("/mfa")
def mfa_check(payload_in: Payload, db_session: DbSession):
    plugin = registry.get_active(db_session, "mfa")
    if not plugin:
        raise HTTPException(status_code=400, detail="no plugin")
    ` + call + `
    return {"ok": True}
`
	}
	plugin := func(name string, early ...string) string {
		result := "challenge.status"
		if len(early) > 0 {
			result = early[0]
		}
		return `
from .models import Challenge

class ` + name + `:
    def validate_token(self, payload, db_session):
        challenge = db_session.query(Challenge).filter_by(challenge_id=payload.challenge_id).one_or_none()
        if not challenge:
            raise Exception("no challenge")
        if not challenge.valid:
            raise Exception("expired")
        if challenge.status == "approved":
            return ` + result + `
        if challenge.status != "pending":
            raise Exception("bad state")
        challenge.status = "approved"
        db_session.commit()
        return challenge.status
`
	}
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{
			name: "the one class that defines the method runs; the check after an early result holds only without it",
			files: map[string]string{"app/models.py": models, "app/plugins.py": plugin("MfaPlugin"),
				"app/views.py": view("plugin.instance.validate_token(payload_in, db_session)")},
			want: `rule MfaCheck {
    when: MfaCheck(challenge)
    requires: exists challenge
    requires: challenge.valid
    requires: challenge.status = approved or challenge.status = pending
    ensures: challenge.status = approved
}`,
		},
		{
			// The handler makes the call as a statement of its own: nothing
			// tests the None, which refuses nothing, so the check after it
			// holds only when it was not taken, as after a result
			// (ignored_answers.go).
			name: "an early None nothing tests: the check after it holds only without it",
			files: map[string]string{"app/models.py": models, "app/plugins.py": plugin("MfaPlugin", "None"),
				"app/views.py": view("plugin.instance.validate_token(payload_in, db_session)")},
			want: `rule MfaCheck {
    when: MfaCheck(challenge)
    requires: exists challenge
    requires: challenge.valid
    requires: challenge.status = approved or challenge.status = pending
    ensures: challenge.status = approved
}`,
		},
		{
			name: "two classes define it: which one runs is not known",
			files: map[string]string{"app/models.py": models, "app/plugins.py": plugin("MfaPlugin") + plugin("OtherPlugin"),
				"app/views.py": view("plugin.instance.validate_token(payload_in, db_session)")},
		},
		{
			name: "a module's function is no method of the service's classes",
			files: map[string]string{"app/models.py": models, "app/plugins.py": plugin("MfaPlugin"),
				"app/views.py": view("requests.validate_token(payload_in, db_session)")},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, tt.files)
			if got := construct(out.Module, "MfaCheck"); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s\nnotes: %v", got, tt.want, out.Notes)
			}
		})
	}
}
