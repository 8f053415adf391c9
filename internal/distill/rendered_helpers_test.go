package distill

import "testing"

// TestRenderedHelperTemplates pins a message template named through a
// service's own render helper and a dataclass (fastapi-full-stack,
// backend/app/utils.py:20-118): the helper reads the file its
// template_name names (a pathlib path joined with /, read_text), compiles
// it (jinja2's Template) and renders it (.render); the builder hands the
// html on in a dataclass (EmailData(html_content=...)) whose field the
// route gives the mailer. The message is of the file the builder names.
func TestRenderedHelperTemplates(t *testing.T) {
	files := map[string]string{
		"app/models.py": `
from sqlmodel import Field, SQLModel

class User(SQLModel, table=True):
    id: int = Field(primary_key=True)
    email: str
`,
		"app/utils.py": `
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import emails
from jinja2 import Template


@dataclass
class EmailData:
    html_content: str
    subject: str


def render_email_template(*, template_name: str, context: dict[str, Any]) -> str:
    template_str = (Path(__file__).parent / "email-templates" / template_name).read_text()
    html_content = Template(template_str).render(context)
    return html_content


def send_email(*, email_to: str, subject: str = "", html_content: str = "") -> None:
    message = emails.message.Message(subject=subject, html=html_content)
    message.send(to=email_to)


def generate_new_account_email(email_to: str, username: str) -> EmailData:
    subject = f"New account for user {username}"
    html_content = render_email_template(template_name="new_account.html", context={"username": username})
    return EmailData(html_content=html_content, subject=subject)


def load_text(name: str) -> str:
    return (Path(__file__).parent / "data" / name).read_text()
`,
		"app/routes.py": `
from fastapi import APIRouter
from sqlmodel import Session

from app.models import User
from app.utils import generate_new_account_email, load_text, send_email

router = APIRouter()


@router.post("/users/")
def create_user(session: Session, email: str) -> User:
    user = User(email=email)
    session.add(user)
    session.commit()
    email_data = generate_new_account_email(email_to=email, username=email)
    send_email(email_to=email, subject=email_data.subject, html_content=email_data.html_content)
    return user


@router.post("/notes/")
def notify(session: Session, email: str) -> None:
    user = User(email=email)
    session.add(user)
    session.commit()
    send_email(email_to=email, subject="Note", html_content=load_text("report.csv"))
`,
	}
	runIdiomCases(t, files, []idiomCase{
		{
			name:      "a template named through a render helper and a dataclass",
			construct: "CreateUser",
			want:      []string{"Email.created(", "template: new_account"},
		},
		{
			name:      "a file of no template extension read by path names no template",
			construct: "Notify",
			notWant:   []string{"template: report"},
		},
	})
}
