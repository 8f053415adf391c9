package distill

import (
	"strings"
	"testing"
)

// termsService is warehouse's registration in small (accounts/views.py:
// 751-755, config.py:242-249 and 339-344): a Pyramid view records which
// revision of the terms the new user agreed to, read from the registry's
// settings, whose default the service's configure() gives through a
// maybe_set of its own. setDefault is that call, lookup the code of the
// view before it creates the row.
func termsService(setDefault, lookup string) map[string]string {
	return map[string]string{
		"app/models.py": `
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
class Base(DeclarativeBase):
    pass
class Agreement(Base):
    __tablename__ = "agreements"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str]
    revision: Mapped[str]
    created: Mapped[int]
`,
		"app/config.py": `
import os
def maybe_set(settings, name, envvar, coercer=None, default=None):
    if envvar in os.environ:
        value = os.environ[envvar]
        if coercer is not None:
            value = coercer(value)
        settings.setdefault(name, value)
    elif default is not None:
        settings.setdefault(name, default)

def configure(settings=None):
    if settings is None:
        settings = {}
` + setDefault + `
    return settings
`,
		"app/views.py": `
from pyramid.view import view_config
from app.models import Agreement
@view_config(route_name="agree", request_method="POST")
def agree(request):
    username = request.POST["username"]
` + lookup + `
    request.db.add(Agreement(username=username, revision=request.registry.settings.get("terms.revision")))
    return {}
`,
	}
}

func TestSettingsDefaulterCalls(t *testing.T) {
	d := New(Options{})
	tests := []struct {
		name, setDefault, lookup string
		wantConfig               string
		wantNot                  string
	}{
		{
			name:       "a literal default given through the service's own setdefault wrapper is the setting's",
			setDefault: `    maybe_set(settings, "terms.revision", "TERMS_REVISION", default="initial")`,
			wantConfig: `terms_revision: String = "initial"`,
		},
		{
			name:       "a default given by position counts alike",
			setDefault: `    maybe_set(settings, "terms.revision", "TERMS_REVISION", None, "initial")`,
			wantConfig: `terms_revision: String = "initial"`,
		},
		{
			name:       "with no default given the setting is read at run time and declared without one",
			setDefault: `    maybe_set(settings, "terms.revision", "TERMS_REVISION")`,
			wantConfig: `terms_revision: String`,
		},
		{
			name:       "a key that is no literal declares nothing",
			setDefault: `    key = "terms.revision"` + "\n" + `    maybe_set(settings, key, "TERMS_REVISION", default="initial")`,
			wantConfig: `terms_revision: String`,
		},
		{
			name:       "a lookup whose comparison is left out and that nothing reads is no let",
			setDefault: `    maybe_set(settings, "terms.revision", "TERMS_REVISION", default="initial")`,
			lookup: `    old = request.db.query(Agreement).filter(Agreement.username == username, Agreement.created < 5).first()
    if old is not None:
        request.session.flash("agreed before")`,
			wantConfig: `terms_revision: String = "initial"`,
			wantNot:    "let old",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, termsService(tt.setDefault, tt.lookup))
			if got := configLines(out.Module); got != tt.wantConfig {
				t.Errorf("config:\ngot:  %q\nwant: %q", got, tt.wantConfig)
			}
			rule := construct(out.Module, "Agree")
			if !strings.Contains(rule, "revision: config.terms_revision") {
				t.Errorf("rule does not record the revision setting:\n%s\nnotes: %v", rule, out.Notes)
			}
			if tt.wantNot != "" && strings.Contains(rule, tt.wantNot) {
				t.Errorf("rule has %q:\n%s", tt.wantNot, rule)
			}
		})
	}
}
