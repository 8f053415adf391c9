package orggen

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// isWordByte reports whether b can be part of a Python identifier. Bytes of
// multi-byte UTF-8 sequences count as word bytes, so a rename never splits
// a non-ASCII identifier.
func isWordByte(b byte) bool {
	return b == '_' || b >= 0x80 ||
		('a' <= b && b <= 'z') || ('A' <= b && b <= 'Z') || ('0' <= b && b <= '9')
}

// renameWords replaces every whole word of src that is a key of renames by
// its value, in one pass, so renames never apply to each other's output.
func renameWords(src []byte, renames map[string]string) []byte {
	if len(renames) == 0 {
		return src
	}
	out := make([]byte, 0, len(src)+len(src)/16)
	for i := 0; i < len(src); {
		if !isWordByte(src[i]) {
			out = append(out, src[i])
			i++
			continue
		}
		j := i
		for j < len(src) && isWordByte(src[j]) {
			j++
		}
		word := src[i:j]
		if to, ok := renames[string(word)]; ok {
			out = append(out, to...)
		} else {
			out = append(out, word...)
		}
		i = j
	}
	return out
}

// words lists the distinct whole words of src.
func words(src []byte, into map[string]bool) {
	for i := 0; i < len(src); {
		if !isWordByte(src[i]) {
			i++
			continue
		}
		j := i
		for j < len(src) && isWordByte(src[j]) {
			j++
		}
		into[string(src[i:j])] = true
		i = j
	}
}

// renamed returns name with a suffix in name's own case style:
// CamelCase + "Ledger", snake_case + "_ledger", UPPER_CASE + "_LEDGER".
func renamed(name, suffix string) string {
	switch {
	case name == strings.ToUpper(name):
		return name + "_" + strings.ToUpper(suffix)
	case name[0] >= 'A' && name[0] <= 'Z':
		return name + suffix
	default:
		return name + "_" + strings.ToLower(suffix)
	}
}

// A varyRule finds a product constant in Python source. Its pattern has a
// group "n" (the integer literal to vary) and, unless key is fixed, a group
// "key" naming the constant. Matches with the same key in one service get
// the same value.
type varyRule struct {
	re   *regexp.Regexp
	key  string // fixed key, when the pattern has no "key" group
	unit string // fixed unit, when neither the pattern nor the key gives one
}

var varyRules = []varyRule{
	// Module-level durations: RESET_TOKEN_EXPIRY_HOURS = 1.
	{re: regexp.MustCompile(`(?m)^(?P<key>[A-Z][A-Z0-9_]*_(?:HOURS|DAYS|MINUTES)) = (?P<n>\d+)[ \t]*$`)},
	// Module-level attempt limits: MAX_LOGIN_ATTEMPTS = 5, MAX_FAILED_LOGINS = 3.
	{re: regexp.MustCompile(`(?m)^(?P<key>MAX_[A-Z_]*(?:ATTEMPTS|LOGINS)) = (?P<n>\d+)[ \t]*$`), unit: "attempts"},
	// Settings-class durations: reset_token_expiry: timedelta = timedelta(hours=2).
	{re: regexp.MustCompile(`(?m)^[ \t]+(?P<key>\w*(?:expiry|lockout|retention)\w*): timedelta = timedelta\((?P<unit>hours|days|minutes)=(?P<n>\d+)\)`)},
	// Settings-class attempt limits: max_login_attempts: int = 5.
	{re: regexp.MustCompile(`(?m)^[ \t]+(?P<key>max_\w*attempts): int = (?P<n>\d+)[ \t]*$`), unit: "attempts"},
	// Password length checks in handlers: if len(password) < 12.
	{re: regexp.MustCompile(`len\(password\) < (?P<n>\d+)`), key: "password-length", unit: "length"},
	// Password length in schemas: new_password: str = Field(min_length=12),
	// password = serializers.CharField(min_length=10).
	{re: regexp.MustCompile(`(?m)^[ \t]+\w*password\b[^\n]*min_length=(?P<n>\d+)`), key: "password-length", unit: "length"},
}

// choices are the values a constant of each unit may take.
var choices = map[string][]int{
	"hours":    {1, 2, 4, 6, 12, 24, 48},
	"days":     {1, 3, 7, 14, 30},
	"minutes":  {5, 10, 15, 30, 60},
	"attempts": {3, 4, 5, 6, 10},
	"length":   {8, 10, 12, 14, 16},
}

// constantMatch is one occurrence of a varied constant.
type constantMatch struct {
	key, unit  string
	start, end int // the integer literal
}

// findConstants lists the varied constants of src in source order (rules in
// order, then position).
func findConstants(src []byte) []constantMatch {
	var out []constantMatch
	for _, rule := range varyRules {
		n, k, u := rule.re.SubexpIndex("n"), rule.re.SubexpIndex("key"), rule.re.SubexpIndex("unit")
		for _, m := range rule.re.FindAllSubmatchIndex(src, -1) {
			cm := constantMatch{key: rule.key, unit: rule.unit, start: m[2*n], end: m[2*n+1]}
			if k >= 0 && m[2*k] >= 0 {
				cm.key = string(src[m[2*k]:m[2*k+1]])
			}
			if u >= 0 && m[2*u] >= 0 {
				cm.unit = string(src[m[2*u]:m[2*u+1]])
			}
			if cm.unit == "" {
				cm.unit = unitOf(cm.key)
			}
			out = append(out, cm)
		}
	}
	return out
}

// unitOf derives a constant's unit from its name's suffix.
func unitOf(key string) string {
	switch {
	case strings.HasSuffix(key, "_HOURS"):
		return "hours"
	case strings.HasSuffix(key, "_DAYS"):
		return "days"
	case strings.HasSuffix(key, "_MINUTES"):
		return "minutes"
	}
	return "attempts"
}

// varyConstants rewrites the integer literal of every constant whose key
// has a value in values.
func varyConstants(src []byte, values map[string]int) []byte {
	matches := findConstants(src)
	if len(matches) == 0 {
		return src
	}
	// Matches of different rules never overlap (they match different line
	// shapes), so in position order they can be spliced in one pass.
	slices.SortFunc(matches, func(a, b constantMatch) int { return a.start - b.start })
	out := make([]byte, 0, len(src))
	last := 0
	for _, m := range matches {
		v, ok := values[m.key]
		if !ok {
			continue
		}
		out = append(out, src[last:m.start]...)
		out = strconv.AppendInt(out, int64(v), 10)
		last = m.end
	}
	return append(out, src[last:]...)
}
