package distill

import "testing"

// TestSendCallRecipient: a message built without its recipient and
// addressed by its send call (python-emails: Message(subject=..., html=...)
// then message.send(to=email_to), the FastAPI full-stack template's
// send_email) is an Email to the send call's recipient; one whose builder
// names the recipient keeps it.
func TestSendCallRecipient(t *testing.T) {
	d := New(Options{})
	const models = `
from sqlmodel import Field, SQLModel
class User(SQLModel, table=True):
    id: int = Field(primary_key=True)
    email: str
`
	tests := []struct {
		name, send, want string
	}{
		{
			name: "the send call addresses it",
			send: `
import emails
def send_email(*, email_to: str, subject: str = "") -> None:
    message = emails.message.Message(subject=subject, mail_from=("x", "y"))
    message.send(to=email_to, smtp={})
`,
			want: `rule RecoverPassword {
    when: RecoverPassword(email)
    let user = User{email}
    ensures:
        if exists user:
            Email.created(to: user.email, template: password_recovery)
}`,
		},
		{
			name: "a send call with no recipient leaves it unaddressed",
			send: `
import emails
def send_email(*, email_to: str, subject: str = "") -> None:
    message = emails.message.Message(subject=subject, mail_from=("x", "y"))
    message.send(smtp={})
`,
			want: `rule RecoverPassword {
    when: RecoverPassword(email)
    let user = User{email}
    ensures:
        if exists user:
            Email.created(template: password_recovery)
}`,
		},
	}
	const routes = `
from fastapi import APIRouter
from sqlmodel import Session, select
from app.models import User
from app.utils import send_email
router = APIRouter()
@router.post("/password-recovery/{email}")
def recover_password(email: str, session: Session):
    user = session.exec(select(User).where(User.email == email)).first()
    if user:
        send_email(email_to=user.email, subject="Password recovery")
    return {"message": "sent"}
`
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{"app/models.py": models, "app/utils.py": tt.send, "app/routes.py": routes})
			if got := construct(out.Module, "RecoverPassword"); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s\nnotes: %v", got, tt.want, out.Notes)
			}
		})
	}
}
