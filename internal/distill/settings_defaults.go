package distill

import (
	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// settingsDefaults records the entries of a module dict of settings
// defaults (DEFAULTS = {"ALLOW_DELETE_ACCOUNT": False, ...}, read through a
// settings object as app_settings.ALLOW_DELETE_ACCOUNT) as config
// candidates under their keys.
func (b *builder) settingsDefaults(f *facts.File, c *facts.Assignment) {
	if c.Value == nil || c.Value.Kind != facts.ExprDict || !catalog.Match(b.lang.SettingsDefaults, c.Name) {
		return
	}
	for i := range c.Value.Entries() {
		en := &c.Value.Entries()[i]
		if en.Key == nil || en.Key.Kind != facts.ExprString {
			continue
		}
		line := en.Key.Line
		if line == 0 {
			line = c.Line
		}
		b.addConfig(f, en.Key.Value, &en.Value, nil, line)
	}
}

// configDefaultText is the default text of the config value x refers to
// (config.email_template_activation = "email/activation_email.html"), or
// "" when x is no string setting.
func (b *builder) configDefaultText(x allium.Expr) string {
	if !isConfigRef(x) {
		return ""
	}
	name := x.(*allium.Member).Name
	for _, ci := range b.configByKey {
		if ci.name != name {
			continue
		}
		if l, ok := ci.value.(*allium.Lit); ok && l.Kind == allium.LitString {
			return l.Text
		}
	}
	return ""
}
