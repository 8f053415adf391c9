package distill

import "testing"

// TestRelationLengths pins len() of a relationship of a row a local holds
// (mealie's admin group delete, routes/admin/admin_management_groups.py:
// 75-83: if item and len(item.users) > 0: raise): the number of rows the
// relationship holds, so the refusal is a precondition on that count. A
// text's len stays length().
func TestRelationLengths(t *testing.T) {
	files := map[string]string{
		"app/models.py": `
from sqlalchemy import Column, ForeignKey, Integer, String
from sqlalchemy.orm import declarative_base, relationship
Base = declarative_base()


class Team(Base):
    __tablename__ = "teams"
    id = Column(Integer, primary_key=True)
    name = Column(String)
    members = relationship("Member", back_populates="team")


class Member(Base):
    __tablename__ = "members"
    id = Column(Integer, primary_key=True)
    team_id = Column(Integer, ForeignKey("teams.id"))
    team = relationship("Team", back_populates="members")
`,
		"app/views.py": `
from fastapi import APIRouter, Depends, HTTPException
from sqlalchemy.orm import Session
from .models import Team

router = APIRouter()


def get_db():
    yield None


@router.delete("/teams/{team_id}")
def delete_team(team_id: int, db: Session = Depends(get_db)):
    team = db.get(Team, team_id)
    if team and len(team.members) > 0:
        raise HTTPException(400, "Cannot delete team with members")
    db.delete(team)
    db.commit()


@router.put("/teams/{team_id}")
def rename_team(team_id: int, name: str, db: Session = Depends(get_db)):
    team = db.get(Team, team_id)
    if len(team.name) > 40:
        raise HTTPException(400, "Name too long")
    team.name = name
    db.commit()
`,
	}
	runIdiomCases(t, files, []idiomCase{
		{
			name:      "a relationship's length is its count",
			construct: "DeleteTeam",
			want:      []string{"requires: not exists team or team.members.count = 0", "not exists team"},
		},
		{
			name:      "a text's length is length()",
			construct: "RenameTeam",
			want:      []string{"requires: length(team.name) <= config.max_name_length"},
		},
	})
}
