package distill

import "testing"

// TestBooleanModelInputs pins that a request model's field typed bool by
// its annotation (pydantic's admin: bool = False) is a flag: a test of it
// decides by its value, so a guard on it is a precondition, not input
// validation left out. mealie's update_user refuses a non-admin who asks
// for admin (routes/users/crud.py:111, UserBase.admin: bool = False,
// schema/user/user.py:110); the spec had let any user make themself admin.
func TestBooleanModelInputs(t *testing.T) {
	runIdiomCases(t, map[string]string{
		"app/models.py": `
from sqlalchemy import Boolean, Column, Integer, String
from sqlalchemy.orm import declarative_base

Base = declarative_base()


class Note(Base):
    __tablename__ = "notes"
    id = Column(Integer, primary_key=True)
    text = Column(String)
    pinned = Column(Boolean, default=False)
`,
		"app/main.py": `
from fastapi import Depends, FastAPI, HTTPException
from pydantic import BaseModel
from .models import Note

app = FastAPI()


def get_db():
    yield None


class NoteIn(BaseModel):
    text: str
    pinned: bool = False


@app.post("/notes")
def create_note(data: NoteIn, db=Depends(get_db)):
    if not data.pinned and data.text == "draft":
        raise HTTPException(status_code=400)
    db.add(Note(text=data.text, pinned=data.pinned))
    db.commit()
    return {}
`,
	}, []idiomCase{{name: "a guard on the flag", construct: "CreateNote", want: []string{`requires: pinned or text != "draft"`, "Note.created(text: text, pinned: pinned)"}}})
}
