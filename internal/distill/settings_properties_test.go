package distill

import (
	"strings"
	"testing"
)

// emailsEnabledService is fastapi full-stack's account creation in small
// (backend/app/core/config.py:45-62, api/routes/users.py:57-77): a
// settings property says whether mail is configured, and the route sends
// the welcome email only then (and, in the real one, when the request's
// address tests true).
func emailsEnabledService(property, emailField, cond string) map[string]string {
	return map[string]string{
		"app/core/config.py": `
from pydantic import computed_field
from pydantic_settings import BaseSettings

class Settings(BaseSettings):
    SMTP_HOST: str | None = None
    EMAILS_FROM_EMAIL: str | None = None
    PROJECT_NAME: str = "app"

` + property + `

settings = Settings()
`,
		"app/main.py": `
from fastapi import FastAPI
from pydantic import BaseModel, EmailStr
from sqlmodel import Field, Session, SQLModel
from fastapi_mail import send_email
from app.core.config import settings

app = FastAPI()

class Account(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    email: str

class AccountIn(BaseModel):
    ` + emailField + `

@app.post("/accounts")
def create_account(session: Session, body: AccountIn):
    account = Account(email=body.email)
    session.add(account)
    session.commit()
    if ` + cond + `:
        send_email(email_to=body.email, subject="Welcome")
    return account
`,
	}
}

const emailsEnabledProperty = `    @computed_field  # type: ignore[prop-decorator]
    @property
    def emails_enabled(self) -> bool:
        return bool(self.SMTP_HOST and self.EMAILS_FROM_EMAIL)`

func TestSettingsPropertyFlags(t *testing.T) {
	d := New(Options{})
	tests := []struct {
		name, property, emailField, cond string
		wantConfig                       string
		wantIf                           bool
	}{
		{
			name:       "a bool property of the settings that ands unset fields is a flag, false by default",
			property:   emailsEnabledProperty,
			emailField: "email: EmailStr",
			cond:       "settings.emails_enabled",
			wantConfig: "emails_enabled: Boolean = false",
			wantIf:     true,
		},
		{
			name: "one whose fields all have values is declared without a default",
			property: `    @property
    def emails_enabled(self) -> bool:
        return bool(self.PROJECT_NAME and self.PROJECT_NAME)`,
			emailField: "email: EmailStr",
			cond:       "settings.emails_enabled",
			wantConfig: "emails_enabled: Boolean",
			wantIf:     true,
		},
		{
			name: "a property of no bool annotation is no flag",
			property: `    @property
    def emails_enabled(self):
        return bool(self.SMTP_HOST and self.EMAILS_FROM_EMAIL)`,
			emailField: "email: EmailStr",
			cond:       "settings.emails_enabled",
			wantConfig: "",
		},
		{
			name:       "a required EmailStr input beside it tests true",
			property:   emailsEnabledProperty,
			emailField: "email: EmailStr",
			cond:       "settings.emails_enabled and body.email",
			wantConfig: "emails_enabled: Boolean = false",
			wantIf:     true,
		},
		{
			name:       "so does one a Field without a default declares",
			property:   emailsEnabledProperty,
			emailField: "email: EmailStr = Field(title=\"Email\")",
			cond:       "body.email and settings.emails_enabled",
			wantConfig: "emails_enabled: Boolean = false",
			wantIf:     true,
		},
		{
			name:       "an optional one may be absent: the condition is left out",
			property:   emailsEnabledProperty,
			emailField: "email: EmailStr | None = None",
			cond:       "settings.emails_enabled and body.email",
			wantConfig: "",
		},
		{
			name:       "a plain str may be empty: the condition is left out",
			property:   emailsEnabledProperty,
			emailField: "email: str",
			cond:       "settings.emails_enabled and body.email",
			wantConfig: "",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, emailsEnabledService(tt.property, tt.emailField, tt.cond))
			if got := configLines(out.Module); got != tt.wantConfig {
				t.Errorf("config:\ngot:  %q\nwant: %q", got, tt.wantConfig)
			}
			rule := construct(out.Module, "CreateAccount")
			if has := strings.Contains(rule, "if config.emails_enabled:\n            Email.created("); has != tt.wantIf {
				t.Errorf("rule states the flagged email: %v, want %v:\n%s\nnotes: %v", has, tt.wantIf, rule, out.Notes)
			}
		})
	}
}
