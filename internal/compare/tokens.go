package compare

import (
	"sort"
	"strings"
	"unicode"
)

// stopTokens carry no meaning of their own in a name: "expires_at" and
// "expiry" name the same thing, "is_valid" and "valid" too.
var stopTokens = map[string]bool{"at": true, "is": true, "has": true, "the": true, "of": true, "on": true, "to": true}

// stemSuffixes are stripped, first match only, so that inflections of one
// word meet: expires, expiry, expiration and expire all stem to "expir".
var stemSuffixes = []string{"ations", "ation", "ings", "ing", "ies", "als", "al", "ed", "es", "s", "y", "e"}

// nameTokens splits a snake_case or PascalCase name into lower-case stems,
// dropping stop words unless nothing else is left. The result is sorted and
// free of duplicates.
func nameTokens(name string) []string { return splitName(name, stem) }

// spelledTokens are a name's words as nameTokens splits and stems them,
// but without mapping words used interchangeably onto one: confirmed and
// activated stay apart. Names are matched on nameTokens; spelledTokens say
// which of several names of one construct reads most like the others.
func spelledTokens(name string) []string { return splitName(name, plainStem) }

func splitName(name string, stem func(string) string) []string {
	var words []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			words = append(words, strings.ToLower(string(cur)))
			cur = cur[:0]
		}
	}
	rs := []rune(name)
	for i, r := range rs {
		switch {
		case r == '_' || r == '/' || r == '.' || r == '-':
			flush()
		case unicode.IsUpper(r) && len(cur) > 0 && (!unicode.IsUpper(rs[i-1]) || (i+1 < len(rs) && unicode.IsLower(rs[i+1]))):
			flush()
			cur = append(cur, r)
		default:
			cur = append(cur, r)
		}
	}
	flush()
	words = joinPhrasal(trimCounters(words))
	var kept []string
	for _, w := range words {
		if !stopTokens[w] {
			kept = append(kept, stem(w))
		}
	}
	if len(kept) == 0 {
		for _, w := range words {
			kept = append(kept, stem(w))
		}
	}
	return sortedSet(kept)
}

// phrasal joins account flows' phrasal verbs written as two words (a rule
// UserLogsIn, a handler signed_out) into the one word code also writes
// (login, logout), keyed by the verb's stem and the particle.
var phrasal = map[[2]string]string{
	{"log", "in"}: "login", {"log", "out"}: "logout", {"log", "on"}: "login", {"log", "off"}: "logout",
	{"sign", "in"}: "login", {"sign", "out"}: "logout", {"sign", "on"}: "login", {"sign", "off"}: "logout",
	{"sign", "up"}: "signup",
	// logged, logging
	{"logg", "in"}: "login", {"logg", "out"}: "logout", {"logg", "on"}: "login", {"logg", "off"}: "logout",
}

// joinPhrasal replaces each phrasal verb of words by its one word.
func joinPhrasal(words []string) []string {
	out := words[:0:0]
	for i := 0; i < len(words); i++ {
		if i+1 < len(words) {
			if j, ok := phrasal[[2]string{stem(words[i]), words[i+1]}]; ok {
				out = append(out, j)
				i++
				continue
			}
		}
		out = append(out, words[i])
	}
	return out
}

// synonyms map words code uses interchangeably onto one stem, applied
// before stemming: a token's timeout, ttl, lifetime and max_age are its
// expiry, and so is exp, the JWT claim's name that token rows and
// payloads borrow (RefreshToken.exp).
var synonyms = map[string]string{
	"exp": "expir", "timeout": "expir", "ttl": "expir", "lifetime": "expir", "validity": "expir", "age": "expir",
	"hashed": "hash", "pwd": "password", "passwd": "password",
	"reauth": "reauthenticat", // a view named for the step (Reauth), a rule for the act
	"signin": "login", "logon": "login", "signout": "logout", "logoff": "logout",
	"signup": "register", "registration": "register", "registers": "register", "registered": "register",
	"activation": "verif", // "ation" would leave "activ", which "active" stems to
}

// stemSynonyms map stems account flows use interchangeably onto one:
// confirming an email, verifying it and activating the account it opens
// are one step (confirmed, verified, is_email_verified, activated); to
// update, modify or change a thing is one thing.
// "activ" is left alone: it is also what "active" stems to.
var stemSynonyms = map[string]string{
	"confirm": "verif", "verifi": "verif", "verific": "verif", "activat": "verif",
	"updat": "chang", "modif": "chang",
}

// trimCounters drops the number that tells apart rules of one handler
// (Register2, the second path of register): it is no part of the name.
func trimCounters(words []string) []string {
	out := words[:0]
	for _, w := range words {
		t := strings.TrimRight(w, "0123456789")
		if t == "" {
			t = w
		}
		out = append(out, t)
	}
	return out
}

func stem(w string) string {
	if s, ok := synonyms[w]; ok {
		return s
	}
	w = plainStem(w)
	if s, ok := stemSynonyms[w]; ok {
		return s
	}
	return w
}

// plainStem strips one suffix of stemSuffixes, keeping three letters.
func plainStem(w string) string {
	for _, suf := range stemSuffixes {
		if len(w)-len(suf) >= 3 && strings.HasSuffix(w, suf) {
			return w[:len(w)-len(suf)]
		}
	}
	return w
}

func sortedSet(xs []string) []string {
	sort.Strings(xs)
	out := xs[:0]
	for i, x := range xs {
		if i == 0 || x != xs[i-1] {
			out = append(out, x)
		}
	}
	return out
}

// dice is the Dice coefficient of two sorted sets: 2|A∩B| / (|A|+|B|).
// Two empty sets are equal (1).
func dice(a, b []string) float64 {
	if len(a)+len(b) == 0 {
		return 1
	}
	return 2 * float64(intersect(a, b)) / float64(len(a)+len(b))
}

// jaccard is |A∩B| / |A∪B| of two sorted sets; two empty sets give 1.
func jaccard(a, b []string) float64 {
	if len(a)+len(b) == 0 {
		return 1
	}
	n := intersect(a, b)
	return float64(n) / float64(len(a)+len(b)-n)
}

// overlap is |A∩B| / min(|A|, |B|): 1 when one set contains the other, so
// an entity that kept only some of another's fields still matches it.
func overlap(a, b []string) float64 {
	switch {
	case len(a) == 0 && len(b) == 0:
		return 1
	case len(a) == 0 || len(b) == 0:
		return 0
	}
	return float64(intersect(a, b)) / float64(min(len(a), len(b)))
}

func intersect(a, b []string) int {
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			n++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return n
}

// nameSim compares two names: 1 when equal, else the Dice coefficient of
// their stems.
func nameSim(a, b string) float64 {
	if a == b {
		return 1
	}
	return dice(nameTokens(a), nameTokens(b))
}

// textTokens splits printed clause text into a sorted set of words and
// operators, the features clause similarity is measured on.
func textTokens(s string) []string {
	f := strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || r == '(' || r == ')' || r == ',' || r == '.' || r == ':' || r == '{' || r == '}'
	})
	return sortedSet(f)
}

// snakeName turns a PascalCase type name into the snake_case name code
// usually gives a variable of that type: PasswordResetToken ->
// password_reset_token.
func snakeName(s string) string {
	var b strings.Builder
	rs := []rune(s)
	for i, r := range rs {
		if unicode.IsUpper(r) {
			if i > 0 && (!unicode.IsUpper(rs[i-1]) || (i+1 < len(rs) && unicode.IsLower(rs[i+1]))) {
				b.WriteByte('_')
			}
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}
