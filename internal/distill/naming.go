package distill

import (
	"strings"
	"unicode"
)

// pascal turns snake_case or kebab/space separated words into PascalCase:
// request_password_reset -> RequestPasswordReset.
func pascal(s string) string {
	var b strings.Builder
	up := true
	for _, r := range s {
		switch {
		case r == '_' || r == '-' || r == ' ' || r == '.' || r == '/':
			up = true
		case !isWordRune(r):
			up = true
		case up:
			b.WriteRune(unicode.ToUpper(r))
			up = false
		default:
			b.WriteRune(r)
		}
	}
	out := b.String()
	if out == "" || !unicode.IsLetter(rune(out[0])) {
		out = "X" + out
	}
	return out
}

// snake turns any identifier-ish text into snake_case: "ResetToken" ->
// reset_token, "Reset your password" -> reset_your_password, "MAX_X" ->
// max_x. The result matches Allium's snake_case rule or is "".
func snake(s string) string {
	var b strings.Builder
	rs := []rune(s)
	sep := false
	for i, r := range rs {
		switch {
		case unicode.IsUpper(r):
			prevLower := i > 0 && (unicode.IsLower(rs[i-1]) || unicode.IsDigit(rs[i-1]))
			nextLower := i+1 < len(rs) && unicode.IsLower(rs[i+1]) && i > 0 && unicode.IsUpper(rs[i-1])
			if b.Len() > 0 && (prevLower || nextLower || sep) {
				b.WriteByte('_')
			}
			b.WriteRune(unicode.ToLower(r))
			sep = false
		case r < 128 && (unicode.IsLower(r) || unicode.IsDigit(r)):
			if sep && b.Len() > 0 {
				b.WriteByte('_')
			}
			b.WriteRune(r)
			sep = false
		default:
			sep = true
		}
	}
	out := b.String()
	for out != "" && (out[0] >= '0' && out[0] <= '9') {
		out = out[1:]
		out = strings.TrimPrefix(out, "_")
	}
	return out
}

func isWordRune(r rune) bool { return r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)) }

// isSnake reports whether s is a valid Allium snake_case name.
func isSnake(s string) bool {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// lastWord returns the last CamelCase word of a PascalCase name, in
// snake case: PasswordResetToken -> token.
func lastWord(name string) string {
	parts := strings.Split(snake(name), "_")
	return parts[len(parts)-1]
}

// entityWord is the word a variable naming a row of ent would use: its
// last word, past a catalogued suffix that only says the class is a model
// (RecipeModel: recipe, not model).
func (b *builder) entityWord(ent string) string {
	for _, suf := range b.lang.EntityNameSuffixes {
		if base, ok := strings.CutSuffix(ent, suf); ok && base != "" && suf != "" {
			return lastWord(base)
		}
	}
	return lastWord(ent)
}

// reserved words that cannot be bindings or parameter names.
var reserved = map[string]bool{
	"now": true, "this": true, "within": true, "config": true, "true": true, "false": true,
	"null": true, "and": true, "or": true, "not": true, "in": true, "exists": true, "when": true,
	"requires": true, "ensures": true, "let": true, "for": true, "if": true, "else": true,
	"where": true, "with": true, "rule": true, "entity": true, "implies": true, "_": true,
	// Clause keywords of entity and surface bodies: a field of that name
	// would read as the clause (`timeout: 30.seconds`).
	"transitions": true, "invariant": true, "terminal": true, "facing": true, "context": true,
	"exposes": true, "provides": true, "related": true, "timeout": true, "contracts": true,
	"identified_by": true, "demands": true, "fulfils": true, "question": true, "as": true,
}

// bindingName makes a usable binding/parameter name from a code name.
func bindingName(s string) string {
	n := snake(s)
	if n == "" {
		return ""
	}
	if reserved[n] {
		n += "_value"
	}
	return n
}
