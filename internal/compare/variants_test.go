package compare

import (
	"strings"
	"testing"
)

const resetEntities = `-- allium: 3
entity User {
    email: String
    reset_expiry: Timestamp?
}
entity Email {
    to: String
    template: reset | forgot
}
config {
    reset_lifetime: Duration = 1.hour
}
`

// TestGuardedOutcomes: a rule whose only outcome is `ensures: if C: ...`
// meets a variant that requires C and then acts (the guard is read as that
// requires, guardedOutcomes and liftGuard), and the shared rule writes the
// outcomes under the guard again, which both variants hold (guardBack). A
// guard no other variant requires, an if with an else, and an if beside
// another outcome stay as written.
func TestGuardedOutcomes(t *testing.T) {
	requiring := resetEntities + `
rule RequestReset {
    when: RequestReset(email)

    let user = User{email}
    requires: exists user

    ensures: Email.created(to: user.email, template: reset)
}
`
	guarded := resetEntities + `
rule RequestReset {
    when: RequestReset(email)

    let user = User{email}

    ensures:
        if exists user:
            Email.created(to: user.email, template: reset)
}
`
	withElse := resetEntities + `
rule RequestReset {
    when: RequestReset(email)

    let user = User{email}

    ensures:
        if exists user:
            Email.created(to: user.email, template: reset)
        else:
            Email.created(to: email, template: forgot)
}
`
	beside := resetEntities + `
rule RequestReset {
    when: RequestReset(email)

    let user = User{email}

    ensures:
        if exists user:
            Email.created(to: user.email, template: reset)
    ensures: Email.created(to: email, template: forgot)
}
`
	tests := []struct {
		name       string
		a, b       string
		want, lack []string
	}{
		{"requires and guard meet, written as the guard", requiring, guarded,
			[]string{"ensures:\n        if exists user:\n            Email.created(to: user.email, template: reset)"},
			[]string{"requires: exists user"}},
		{"two guards meet part by part", guarded, strings.Replace(guarded, "template: reset)",
			"template: reset)\n            user.reset_expiry = now + config.reset_lifetime", 1),
			[]string{"ensures:\n        if exists user:\n            Email.created(to: user.email, template: reset)\n}"},
			[]string{"requires: exists user", "reset_expiry = now"}},
		{"an if with an else is no guard", requiring, withElse,
			nil, []string{"if exists user:\n            Email.created(to: user.email, template: reset)\n}"}},
		{"an if beside another outcome is no guard", requiring, beside,
			nil, []string{"requires: exists user", "if exists user"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := compareTexts(t, 0, tt.a, tt.b)
			got := string(PrintShared(res))
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("shared spec lacks %q:\n%s", w, got)
				}
			}
			for _, l := range tt.lack {
				if strings.Contains(got, l) {
					t.Errorf("shared spec has %q:\n%s", l, got)
				}
			}
		})
	}
}

// TestUnnormalise: a lookup key or stored value that only some variants
// lower-case is written as given, with a comment saying who normalises;
// when every variant does, it stays.
func TestUnnormalise(t *testing.T) {
	rule := func(key string) string {
		return resetEntities + `
rule RequestReset {
    when: RequestReset(email)

    let user = User{email: ` + key + `}
    requires: exists user

    ensures: Email.created(to: ` + key + `, template: reset)
}
`
	}
	tests := []struct {
		name       string
		a, b       string
		want, lack []string
	}{
		{"one lower-cases", rule("lower(email)"), rule("email"),
			[]string{"let user = User{email}", "Email.created(to: email, template: reset)",
				"-- a applies lower() here; b takes the value as given"},
			[]string{"lower(email)"}},
		{"both lower-case", rule("lower(email)"), rule("lower(email)"),
			[]string{"let user = User{email: lower(email)}"}, []string{"takes the value as given"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := string(PrintShared(compareTexts(t, 0, tt.a, tt.b)))
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("shared spec lacks %q:\n%s", w, got)
				}
			}
			for _, l := range tt.lack {
				if strings.Contains(got, l) {
					t.Errorf("shared spec has %q:\n%s", l, got)
				}
			}
		})
	}
}

// TestGeneralFormThroughLookup: an argument naming the looked-up row's
// field (to: user.email, with let user = User{email}) is the value it was
// looked up by (to: email), so the general form of differing creations
// keeps it.
func TestGeneralFormThroughLookup(t *testing.T) {
	mail := func(to, template string) string {
		return resetEntities + `
rule RequestReset {
    when: RequestReset(email)

    let user = User{email}
    requires: exists user

    ensures: Email.created(to: ` + to + `, template: ` + template + `)
}
`
	}
	tests := []struct {
		name string
		a, b string
		want string
	}{
		{"row's field and lookup value", mail("user.email", "reset"), mail("email", "forgot"), "ensures: Email.created(to: user.email)"},
		{"lookup value and row's field", mail("email", "reset"), mail("user.email", "forgot"), "ensures: Email.created(to: email)"},
		{"other values", mail("user.email", "reset"), mail("\"admin\"", "forgot"), "ensures: Email.created()"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := string(PrintShared(compareTexts(t, 0, tt.a, tt.b)))
			if !strings.Contains(got, tt.want) {
				t.Errorf("shared spec lacks %q:\n%s", tt.want, got)
			}
		})
	}
}

// TestGeneralLifetime: a field every variant sets to now plus its own
// lifetime (a config parameter in one, a literal in another) is written
// with the config parameter, declared without a default and with each
// variant's value; with no variant reading config it is left out.
func TestGeneralLifetime(t *testing.T) {
	setField := func(field, config, d string) string {
		return `-- allium: 3
entity User {
    email: String
    ` + field + `: Timestamp?
}
` + config + `
rule RequestReset {
    when: RequestReset(user)

    ensures: user.` + field + ` = now + ` + d + `
}
`
	}
	set := func(config, d string) string { return setField("reset_expiry", config, d) }
	cfg := "config {\n    reset_lifetime: Duration = 1.hour\n}\n"
	tests := []struct {
		name       string
		a, b       string
		want, lack []string
	}{
		// The one variant's parameter is named for the field it bounds,
		// as the variant writing a literal would have named it.
		{"config and literal", set(cfg, "config.reset_lifetime"), set("", "30.minutes"),
			[]string{"ensures: user.reset_expiry = now + config.reset_expiry",
				"-- values differ: a: 1.hour, b: 30.minutes\n    reset_expiry: Duration\n"},
			[]string{"Duration = 1.hour", "reset_lifetime"}},
		{"expires_at field", setField("reset_password_expires_at", cfg, "config.reset_lifetime"), setField("reset_password_expires_at", "", "30.minutes"),
			[]string{"ensures: user.reset_password_expires_at = now + config.reset_password_expiry", "reset_password_expiry: Duration"},
			[]string{"reset_lifetime"}},
		// A field that names no more than the expiry, or no expiry,
		// would not say whose: the variant's name stays.
		{"bare expiry field", setField("expires_at", cfg, "config.reset_lifetime"), setField("expires_at", "", "30.minutes"),
			[]string{"ensures: user.expires_at = now + config.reset_lifetime", "reset_lifetime: Duration"}, nil},
		{"no expiry word", setField("reset_deadline", cfg, "config.reset_lifetime"), setField("reset_deadline", "", "30.minutes"),
			[]string{"ensures: user.reset_deadline = now + config.reset_lifetime"}, nil},
		// Declared by both, the parameter keeps its name.
		{"config in both", set(cfg, "config.reset_lifetime"), set("config {\n    reset_lifetime: Duration = 2.hours\n}\n", "config.reset_lifetime"),
			[]string{"ensures: user.reset_expiry = now + config.reset_lifetime"}, []string{"config.reset_expiry"}},
		{"two literals", set("", "1.hour"), set("", "30.minutes"), nil, []string{"reset_expiry = now"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := string(PrintShared(compareTexts(t, 0, tt.a, tt.b)))
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("shared spec lacks %q:\n%s", w, got)
				}
			}
			for _, l := range tt.lack {
				if strings.Contains(got, l) {
					t.Errorf("shared spec has %q:\n%s", l, got)
				}
			}
		})
	}
}

// TestTypedParams: a trigger parameter read for fields only one entity
// declares is of that entity, so its fields take their canonical names
// (verification.email is token.new_email) and it pairs with the
// representative's parameter of that type whatever either is called.
func TestTypedParams(t *testing.T) {
	a := `-- allium: 3
entity User {
    email: String
}
entity EmailChangeToken {
    user: User
    new_email: String
    expires_at: Timestamp
}
rule ConfirmEmailChange {
    when: ConfirmEmailChange(token)

    requires: token.expires_at > now

    ensures: token.user.email = token.new_email
}
`
	b := `-- allium: 3
entity User {
    email: String
}
entity EmailChangeToken {
    user: User
    email: String
    expires_at: Timestamp
}
rule ConfirmEmailChange {
    when: ConfirmEmailChange(session, verification)

    requires: verification.expires_at > now

    ensures: verification.user.email = verification.email
}
`
	tests := []struct {
		name string
		b    string
		want []string
	}{
		{"typed parameter pairs and reads canonical fields", b,
			[]string{"requires: token.expires_at > now", "ensures: token.user.email = token.new_email"}},
		// One field read is not enough to tell the type: the parameter
		// keeps its name and the clauses do not meet.
		{"one field is no type", strings.Replace(strings.Replace(b, "requires: verification.expires_at > now\n", "", 1),
			"verification.user.email = verification.email", "session.email = verification.email", 1), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Two variants call the field new_email, so that is its
			// canonical name; b's own email field becomes it.
			got := string(PrintShared(compareTexts(t, 0, a, tt.b, a)))
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("shared spec lacks %q:\n%s", w, got)
				}
			}
			if tt.want == nil && strings.Contains(got, "token.new_email") {
				t.Errorf("shared spec reads the untyped parameter as typed:\n%s", got)
			}
		})
	}
}

// TestConstantField: a derived value that is one enum literal
// (template: welcome) is the field it is, holding that value, so it meets
// another variant's field of the name; a derived value naming another
// member is no constant and meets nothing.
func TestConstantField(t *testing.T) {
	spec := func(member string) string {
		return `-- allium: 3
entity Email {
    to: String
    kind: String
    ` + member + `
}
rule SendWelcome {
    when: SendWelcome(to)

    ensures: Email.created(to: to)
}
`
	}
	tests := []struct {
		name   string
		member string
		want   string
	}{
		{"constant meets field", "template: welcome", "    -- values differ: a: reset | confirm; b: welcome\n    template: String\n"},
		{"another member is no constant", "template: kind", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := compareTexts(t, 0, spec("template: reset | confirm"), spec(tt.member))
			got := string(PrintShared(res))
			if tt.want != "" && !strings.Contains(got, tt.want) {
				t.Errorf("shared spec lacks %q:\n%s", tt.want, got)
			}
			if tt.want == "" && strings.Contains(got, "template") {
				t.Errorf("shared spec has a template:\n%s", got)
			}
		})
	}
}

// TestFieldRemarks: a field's comment is kept in the shared spec only when
// every variant makes the same remark on it.
func TestFieldRemarks(t *testing.T) {
	spec := func(remark string) string {
		return `-- allium: 3
entity User {
    email: String` + remark + `
}
rule Rename {
    when: Rename(user, email)

    ensures: user.email = email
}
`
	}
	tests := []struct {
		name string
		a, b string
		want bool
	}{
		{"one variant's remark", spec("  -- lower-cased"), spec(""), false},
		{"the same remark", spec("  -- lower-cased"), spec("  -- lower-cased"), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := string(PrintShared(compareTexts(t, 0, tt.a, tt.b)))
			if strings.Contains(got, "lower-cased") != tt.want {
				t.Errorf("remark kept = %v, want %v:\n%s", !tt.want, tt.want, got)
			}
		})
	}
}

// TestRuleDocs: the comments above a shared rule are kept only when every
// variant writes the same; one variant's account of its rule may be false
// of the others.
func TestRuleDocs(t *testing.T) {
	spec := func(doc string) string {
		return resetEntities + doc + `rule RequestReset {
    when: RequestReset(email)

    let user = User{email}
    requires: exists user

    ensures: Email.created(to: user.email, template: reset)
}
`
	}
	tests := []struct {
		name string
		a, b string
		want bool
	}{
		{"one variant's account", spec("-- an unknown address is refused (404)\n"), spec(""), false},
		{"the same account", spec("-- an unknown address is refused (404)\n"), spec("-- an unknown address is refused (404)\n"), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := string(PrintShared(compareTexts(t, 0, tt.a, tt.b)))
			if strings.Contains(got, "refused (404)") != tt.want {
				t.Errorf("doc kept = %v, want %v:\n%s", !tt.want, tt.want, got)
			}
		})
	}
}

// TestGuardUnshared: when a member's guard, lifted to meet the others'
// requires (guardedOutcomes), is required by fewer than the quorum, the
// shared outcome keeps the guard (guardUnshared): written bare it would say
// the guarded member acts when the guard fails. With the quorum requiring
// it, guardBack writes it as before.
func TestGuardUnshared(t *testing.T) {
	requiring := resetEntities + `
rule RequestReset {
    when: RequestReset(email)

    let user = User{email}
    requires: exists user

    ensures: Email.created(to: user.email, template: reset)
}
`
	guarded := resetEntities + `
rule RequestReset {
    when: RequestReset(email)

    let user = User{email}

    ensures:
        if exists user:
            Email.created(to: user.email, template: reset)
}
`
	outright := resetEntities + `
rule RequestReset {
    when: RequestReset(email)

    ensures: Email.created(to: email, template: reset)
}
`
	tests := []struct {
		name       string
		specs      []string
		want, lack []string
	}{
		{"a guard fewer than the quorum require stays", []string{requiring, guarded, outright},
			[]string{"ensures:\n        if exists user:\n            Email.created(to: user.email, template: reset)"},
			[]string{"requires: exists user", "ensures: Email.created"}},
		{"a guard the quorum requires is written back", []string{requiring, guarded, requiring},
			[]string{"ensures:\n        if exists user:\n            Email.created(to: user.email, template: reset)"},
			[]string{"requires: exists user", "ensures: Email.created"}},
		{"no guard, nothing added", []string{requiring, outright, requiring},
			[]string{"ensures: Email.created(to: user.email, template: reset)"},
			[]string{"if exists user"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := compareTexts(t, 0, tt.specs...)
			got := string(PrintShared(res))
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("shared spec lacks %q:\n%s", w, got)
				}
			}
			for _, l := range tt.lack {
				if strings.Contains(got, l) {
					t.Errorf("shared spec has %q:\n%s", l, got)
				}
			}
		})
	}
}
