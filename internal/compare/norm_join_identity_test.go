package compare

import "testing"

// TestJoinIdentityNormalForm: a one-field lookup compared with a row reads
// as the row's field compared with the lookup's value (a lookup matches at
// most one entity); a lookup compared with null, with another lookup, or
// one of several fields, is left alone.
func TestJoinIdentityNormalForm(t *testing.T) {
	tests := []struct{ a, b string }{
		{"User{email} = user", "user.email = email"},
		{"user = User{email: new_email}", "user.email = new_email"},
		{"User{email} != token.user", "token.user.email != email"},
		{"not (User{email} = user)", "user.email != email"},
		{"not exists User{email} or User{email} = user", "email = user.email or not exists User{email}"},
	}
	for _, tt := range tests {
		if ka, kb := key(t, tt.a), key(t, tt.b); ka != kb {
			t.Errorf("%s reads %q, %s reads %q: want the same", tt.a, ka, tt.b, kb)
		}
	}
	for _, pair := range [][2]string{
		{"User{email} = null", "null.email = email"},                 // whether it matched
		{"User{email} = Admin{email}", "Admin{email}.email = email"}, // two lookups
		{"Member{user, team} = m", "m.user = user"},                  // several fields
		{"User{email} = user", "user.email = other"},                 // another value
	} {
		if key(t, pair[0]) == key(t, pair[1]) {
			t.Errorf("%s and %s read alike; they differ", pair[0], pair[1])
		}
	}
}
