package distill

import (
	"strings"
	"testing"

	"github.com/distill/distill/internal/allium"
)

// configLines prints a module's config parameters, one "name: Type =
// default" a line, in the order the spec declares them.
func configLines(m *allium.Module) string {
	var lines []string
	for _, c := range m.Config {
		line := c.Name + ": " + allium.TypeString(c.Type)
		if c.Default != nil {
			line += " = " + allium.PrintConstruct(&allium.ExprStmt{X: c.Default})
		}
		lines = append(lines, strings.TrimSpace(line))
	}
	return strings.Join(lines, "\n")
}

// settingReadService is django-oscar's RegisterUserMixin.register_user
// (oscar/apps/customer/mixins.py:53): a registration view sends its email
// only while a setting read with getattr(settings, KEY, default) is on.
// defaults is the app's defaults module, if any.
func settingReadService(cond, defaults string) map[string]string {
	files := map[string]string{
		"shop/models.py": `
from django.db import models
class Account(models.Model):
    email = models.EmailField(unique=True)
`,
		"shop/views.py": `
from django.conf import settings
from django.core.mail import send_mail
from django.views.decorators.http import require_POST
from shop.models import Account

@require_POST
def register(request):
    account = Account.objects.create(email=request.POST["email"])
    if ` + cond + `:
        send_mail("Welcome", "welcome", None, [account.email])
`,
	}
	if defaults != "" {
		files["shop/defaults.py"] = defaults
	}
	return files
}

func TestSettingReadWithDefault(t *testing.T) {
	d := New(Options{})
	tests := []struct {
		name, cond, defaults string
		wantConfig, wantIf   string
	}{
		{
			name:       "a flag read with a literal default is a config parameter of that default",
			cond:       `getattr(settings, "SHOP_SEND_WELCOME_EMAIL", True)`,
			wantConfig: "shop_send_welcome_email: Boolean = true",
			wantIf:     "if config.shop_send_welcome_email:",
		},
		{
			name:       "the app's own declaration of the setting gives its value",
			cond:       `getattr(settings, "SHOP_SEND_WELCOME_EMAIL", True)`,
			defaults:   "SHOP_SEND_WELCOME_EMAIL = False\n",
			wantConfig: "shop_send_welcome_email: Boolean = false",
			wantIf:     "if config.shop_send_welcome_email:",
		},
		{
			name:       "a number compared is an Integer",
			cond:       `Account.objects.count() < getattr(settings, "SHOP_MAX_ACCOUNTS", 500)`,
			wantConfig: "shop_max_accounts: Integer = 500",
			wantIf:     "config.shop_max_accounts",
		},
		{
			name:       "a default of no literal type states no parameter",
			cond:       `getattr(settings, "SHOP_SEND_WELCOME_EMAIL", object())`,
			wantConfig: "",
			wantIf:     "",
		},
		{
			name:       "getattr of anything but a settings object is no setting",
			cond:       `getattr(account, "is_verified", True)`,
			wantConfig: "",
			wantIf:     "",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, settingReadService(tt.cond, tt.defaults))
			if got := configLines(out.Module); got != tt.wantConfig {
				t.Errorf("config:\ngot:  %q\nwant: %q", got, tt.wantConfig)
			}
			rule := construct(out.Module, "Register")
			if tt.wantIf != "" && !strings.Contains(rule, tt.wantIf) {
				t.Errorf("rule lacks %q:\n%s\nnotes: %v", tt.wantIf, rule, out.Notes)
			}
			if tt.wantIf == "" && strings.Contains(rule, "config.") {
				t.Errorf("rule reads config:\n%s", rule)
			}
		})
	}
}
