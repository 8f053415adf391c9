package compare

import (
	"strings"
	"testing"
)

// TestSplitDiscriminated: one variant's entity whose kinds a field tells
// apart (Token with token_type: access | refresh) meets the others'
// entity per kind (AccessToken, RefreshToken), and its creations of a
// literal kind meet theirs; without a name per value elsewhere, or with
// the field read by the entity's own members, nothing is split.
func TestSplitDiscriminated(t *testing.T) {
	split := func(kinds, derived string) string {
		return `-- allium: 3
entity User {
    hashed_password: String
}
entity Token {
    user: User
    token_type: ` + kinds + `
    expires_at: Timestamp` + derived + `
}
config {
    access_lifetime: Duration = 30.minutes
}
rule LogIn {
    when: LogIn(user)
    ensures:
        Token.created(user: user, token_type: access, expires_at: now + config.access_lifetime)
        Token.created(user: user, token_type: refresh, expires_at: now + 7.days)
}
`
	}
	apart := `-- allium: 3
entity User {
    hashed_password: String
}
entity AccessToken {
    user: User
    expires_at: Timestamp
}
entity RefreshToken {
    user: User
    used: Boolean
}
config {
    access_lifetime: Duration = 15.minutes
}
rule LogIn {
    when: LogIn(user)
    ensures:
        AccessToken.created(user: user, expires_at: now + config.access_lifetime)
        RefreshToken.created(user: user, used: false)
}
`
	for _, tc := range []struct {
		name, a string
		split   bool
	}{
		{"kinds named elsewhere", split("access | refresh", ""), true},
		{"a kind named nowhere else", split("access | refresh | api", ""), false},
		{"field read by a derived value", split("access | refresh", "\n    is_refresh: token_type = refresh"), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := compareTexts(t, 0, tc.a, apart)
			got := string(PrintShared(res))
			has := strings.Contains(got, "entity RefreshToken {\n    user: User\n}") &&
				strings.Contains(got, "RefreshToken.created(user: user)")
			if has != tc.split {
				t.Errorf("refresh tokens shared: %v, want %v:\n%s", has, tc.split, got)
			}
			if tc.split && !strings.Contains(got, "AccessToken.created(user: user, expires_at: now + config.access_lifetime)") {
				t.Errorf("the access token's creation should be shared:\n%s", got)
			}
		})
	}
}

// TestLookupBox: a let no two variants bind alike, each to a lookup of
// one entity from the trigger's parameters, is written as a black box of
// those parameters, true of every variant; when two agree, or a binding
// is no lookup, the binding most give is kept with its note, as before.
func TestLookupBox(t *testing.T) {
	rule := func(lookup string) string {
		return userEntity + `
rule UserLogsIn {
    when: UserLogsIn(login, password)

    let user = ` + lookup + `
    requires: exists user

    ensures: Session.created(user: user, remember: false)
}
`
	}
	for _, tc := range []struct {
		name    string
		lookups []string
		want    string
	}{
		{"no two alike", []string{`User{email: login}`, `User{username: login}`, `if contains(login, "@"): User{email: login} else: User{username: login}`},
			"    let user = user_for(login)\n"},
		{"two alike", []string{`User{email: login}`, `User{username: login}`, `User{email: login}`},
			"    let user = User{email: login}\n"},
		{"one no lookup", []string{`User{email: login}`, `User{username: login}`, `find(login)`},
			"variants bind user differently"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := compareTexts(t, 0, rule(tc.lookups[0]), rule(tc.lookups[1]), rule(tc.lookups[2]))
			got := string(PrintShared(res))
			if !strings.Contains(got, tc.want) {
				t.Errorf("want %q in:\n%s", tc.want, got)
			}
			if box := strings.Contains(got, "user_for("); box != (tc.name == "no two alike") {
				t.Errorf("black box written: %v:\n%s", box, got)
			}
		})
	}
}

// TestActingParams: a member that takes the signed-in user as a trigger
// parameter meets members that take the session and read session.user;
// a parameter the member binds again, or one the representative does not
// read as a field of its session, is left alone.
func TestActingParams(t *testing.T) {
	ent := `-- allium: 3
entity User {
    email: String
}
entity Session {
    user: User
    fresh: Boolean
}
entity EmailChangeToken {
    user: User
    new_email: String
}
`
	viaSession := ent + `
rule ChangeEmail {
    when: ChangeEmail(session, email)
    requires: session.fresh
    ensures: EmailChangeToken.created(user: session.user, new_email: email)
}
`
	for _, tc := range []struct {
		name, member string
		meets        bool
	}{
		{"user parameter", ent + `
rule ChangeEmail {
    when: ChangeEmail(email, user, password)
    requires: verify(password, user.email)
    ensures: EmailChangeToken.created(user: user, new_email: email)
}
`, true},
		{"parameter bound again", ent + `
rule ChangeEmail {
    when: ChangeEmail(email, user, password)
    let user = User{email: password}
    ensures: EmailChangeToken.created(user: user, new_email: email)
}
`, false},
		{"a field the session is not read for", ent + `
rule ChangeEmail {
    when: ChangeEmail(email, owner, password)
    ensures: EmailChangeToken.created(user: owner, new_email: email)
}
`, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := compareTexts(t, 0, viaSession, viaSession, tc.member)
			got := string(PrintShared(res))
			meets := strings.Contains(got, "EmailChangeToken.created(user: session.user, new_email: email)")
			if meets != tc.meets {
				t.Errorf("the token's creation for session.user shared: %v, want %v:\n%s", meets, tc.meets, got)
			}
		})
	}
}

// TestInlineAliases: a let that only names a path from a trigger
// parameter (let user = session.user) is read as the path, so a variant
// that writes the path itself meets it; a let of a lookup is what the rule
// does and stays, as does an alias the rule binds again.
func TestInlineAliases(t *testing.T) {
	ent := `-- allium: 3
entity User {
    email: String
}
entity Session {
    user: User
}
entity EmailChangeToken {
    user: User
    new_email: String
}
`
	direct := ent + `
rule ChangeEmail {
    when: ChangeEmail(session, email)
    ensures: EmailChangeToken.created(user: session.user, new_email: email)
}
`
	for _, tc := range []struct {
		name, let string
		meets     bool
	}{
		{"path from a parameter", "let user = session.user", true},
		{"a lookup", "let user = User{email}", false},
		{"bound again", "let user = session.user\n    let user = User{email}", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			aliased := ent + `
rule ChangeEmail {
    when: ChangeEmail(session, email)
    ` + tc.let + `
    ensures: EmailChangeToken.created(user: user, new_email: email)
}
`
			res := compareTexts(t, 0, direct, aliased)
			got := string(PrintShared(res))
			meets := strings.Contains(got, "ensures: EmailChangeToken.created(user: session.user, new_email: email)")
			if meets != tc.meets {
				t.Errorf("the creation for session.user shared: %v, want %v:\n%s", meets, tc.meets, got)
			}
		})
	}
}
