package distill

import (
	"strings"
	"testing"

	"github.com/distill/distill/internal/allium"
)

// TestReadEnumWords pins which constant classes a rule's reading keeps
// declared: one whose member a rule writes as a value (sms), not one whose
// member's literal a rule only has as a name it binds (the email input):
// allauth's SRegField { email | fullname } (socialaccount/providers/
// openid/utils.py:65-67) was declared and referenced nowhere.
func TestReadEnumWords(t *testing.T) {
	files := map[string]string{
		"app/models.py": `
from sqlalchemy import Column, Integer, String
from sqlalchemy.orm import declarative_base
Base = declarative_base()


class Subscription(Base):
    __tablename__ = "subscriptions"
    id = Column(Integer, primary_key=True)
    email = Column(String)
    channel = Column(String)
`,
		"app/views.py": `
from fastapi import APIRouter, Depends
from pydantic import BaseModel
from .models import Subscription

router = APIRouter()


class Field:
    EMAIL = "email"
    NAME = "fullname"


class Channel:
    SMS = "sms"
    POST = "post"


def get_db():
    yield None


class SubscribeIn(BaseModel):
    email: str


@router.post("/subscribe")
def subscribe(body: SubscribeIn, db=Depends(get_db)):
    wanted = Field.EMAIL
    sub = Subscription(email=body.email, channel=Channel.SMS)
    db.add(sub)
    db.commit()
`,
	}
	d := New(Options{})
	defer d.Close()
	out := distilText(t, d, files)
	text := string(allium.Print(out.Module, allium.PrintOptions{}))
	if !strings.Contains(text, "Subscription.created(") {
		t.Fatalf("no creation in\n%s", text)
	}
	if !strings.Contains(text, "enum Channel") {
		t.Errorf("Channel, whose member sms a rule states, is not declared:\n%s", text)
	}
	if strings.Contains(text, "enum Field") {
		t.Errorf("Field, whose member email no rule states, is declared:\n%s", text)
	}
}
