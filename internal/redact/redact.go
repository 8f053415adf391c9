// Package redact removes credentials from repository URLs before they reach
// a log line, an error, an output file or a Parquet row. It is the one
// place that decides what a secret in a URL looks like, shared by the
// manifest validator (which rejects such URLs and must not echo them) and
// the fetcher and pipeline (which report URLs).
package redact

import (
	"encoding/base64"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// URL returns raw with its credentials replaced by "***":
//   - userinfo: the part of the authority before its "@". An "@" in the
//     path is not a credential ("https://host/team@corp/x.git" stays). A
//     URL that does not parse is read conservatively: everything before
//     the last "@" ahead of any query or fragment is hidden, so a password
//     containing "/", ":" or "@" is hidden whole ("https://u:p/w@host/r"
//     -> "https://***@host/r");
//   - scp-style addresses: "user:password@host:path" is hidden, a plain
//     "git@host:path" is not a secret and stays, nor is an "@" in the
//     path ("git@host:team@corp/x.git");
//   - query parameters whose names look like credentials (token, key,
//     secret, signature, X-Amz-*, ...) keep their name but lose the value.
//
// Local paths and URLs without credentials come back unchanged.
func URL(raw string) string {
	head, tail := raw, ""
	if i := strings.IndexAny(raw, "?#"); i >= 0 {
		head, tail = raw[:i], raw[i:]
	}
	scheme, rest, hasScheme := strings.Cut(head, "://")
	if !hasScheme {
		scheme, rest = "", head
	}
	if hasScheme {
		if at := userinfoEnd(head, rest); at >= 0 {
			rest = "***@" + rest[at+1:]
		}
	} else if at := scpUserEnd(rest); at >= 0 && strings.Contains(rest[:at], ":") {
		// scp form: only a user:password pair is secret.
		rest = "***@" + rest[at+1:]
	}
	if hasScheme {
		head = scheme + "://" + rest
	} else {
		head = rest
	}
	return head + redactQuery(tail)
}

// userinfoEnd returns the index in rest (what follows "scheme://") of the
// "@" that ends the userinfo, or -1 when there is none.
func userinfoEnd(head, rest string) int {
	authority := rest
	if i := strings.IndexByte(rest, '/'); i >= 0 {
		authority = rest[:i]
	}
	if at := strings.LastIndexByte(authority, '@'); at >= 0 {
		return at
	}
	if !strings.Contains(rest, "@") {
		return -1
	}
	if _, err := url.Parse(head); err == nil {
		return -1 // a well-formed URL whose "@" is in the path
	}
	return strings.LastIndexByte(rest, '@')
}

// scpUserEnd returns the index of the "@" that ends the user part of an
// scp-style address [user[:password]@]host:path: the last "@" followed by
// a ":" (the host's), or -1.
func scpUserEnd(rest string) int {
	for at := strings.LastIndexByte(rest, '@'); at >= 0; at = strings.LastIndexByte(rest[:at], '@') {
		if strings.Contains(rest[at+1:], ":") {
			return at
		}
	}
	return -1
}

// base64Run matches text that may be base64 (standard or URL alphabet).
var base64Run = regexp.MustCompile(`[A-Za-z0-9+/_-]{8,}={0,2}`)

// escapedRun matches text that may be percent-encoded (any hex case).
var escapedRun = regexp.MustCompile(`[A-Za-z0-9._~+!*'()/:@-]*%[0-9A-Fa-f]{2}[A-Za-z0-9._~+!*'()/:@%-]*`)

// Text removes each secret from msg in every form a transport may have put
// it in: as is, URL-encoded (query or path escaping), and inside base64,
// which is how an HTTP Basic Authorization header carries "user:secret"
// (a server that echoes the header in an error body would otherwise leak
// it). Secrets shorter than 4 bytes are ignored: hiding them would hide
// ordinary words. It reports whether anything was hidden.
func Text(msg string, secrets ...string) (string, bool) {
	changed := false
	var live []string
	for _, sec := range secrets {
		if len(sec) < 4 {
			continue
		}
		live = append(live, sec)
		for _, form := range []string{sec, url.QueryEscape(sec), url.PathEscape(sec)} {
			if strings.Contains(msg, form) {
				msg = strings.ReplaceAll(msg, form, "***")
				changed = true
			}
		}
	}
	if len(live) == 0 {
		return msg, changed
	}
	msg = escapedRun.ReplaceAllStringFunc(msg, func(run string) string {
		dec, err := url.PathUnescape(run)
		if err != nil {
			return run
		}
		for _, sec := range live {
			if strings.Contains(dec, sec) {
				changed = true
				return "***"
			}
		}
		return run
	})
	out := base64Run.ReplaceAllStringFunc(msg, func(run string) string {
		if decodedHolds(run, live) {
			changed = true
			return "***"
		}
		return run
	})
	return out, changed
}

// decodedHolds reports whether run, decoded as base64 from any of the
// four alignments and in either alphabet, contains one of the secrets.
func decodedHolds(run string, secrets []string) bool {
	trimmed := strings.TrimRight(run, "=")
	for off := 0; off < 4 && off < len(trimmed); off++ {
		s := trimmed[off:]
		for _, n := range []int{len(s), len(s) / 4 * 4} {
			for _, enc := range []*base64.Encoding{base64.RawStdEncoding, base64.RawURLEncoding} {
				b, err := enc.DecodeString(s[:n])
				if err != nil {
					continue
				}
				for _, sec := range secrets {
					if strings.Contains(string(b), sec) {
						return true
					}
				}
			}
		}
	}
	return false
}

// Quote makes text from outside (a server's error body) safe to show in a
// one-line message: control characters are escaped and the text is cut to
// at most max bytes, saying how much was left out.
func Quote(text string, max int) string {
	var b strings.Builder
	for _, c := range text {
		if unicode.IsControl(c) || c == utf8.RuneError {
			q := fmt.Sprintf("%q", c)
			b.WriteString(q[1 : len(q)-1])
			continue
		}
		b.WriteRune(c)
	}
	s := b.String()
	if max <= 0 || len(s) <= max {
		return s
	}
	cut := max
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return fmt.Sprintf("%s… (%d more bytes not shown)", s[:cut], len(s)-cut)
}

// redactQuery hides the values of credential-like parameters in a
// "?query#fragment" tail.
func redactQuery(tail string) string {
	before, query, ok := strings.Cut(tail, "?")
	if !ok {
		return tail
	}
	query, fragment, hasFragment := strings.Cut(query, "#")
	params := strings.Split(query, "&")
	for i, p := range params {
		name, value, hasValue := strings.Cut(p, "=")
		switch {
		case hasValue && secretParam(name):
			params[i] = name + "=***"
		case hasValue && strings.Contains(value, "://"):
			// A URL as a parameter (a bucket's endpoint=http://user:pw@host)
			// carries its own userinfo and query.
			params[i] = name + "=" + URL(value)
		}
	}
	out := before + "?" + strings.Join(params, "&")
	if hasFragment {
		out += "#" + fragment
	}
	return out
}

// secretParam reports whether a query parameter name suggests a credential.
func secretParam(name string) bool {
	n := strings.ToLower(name)
	if dec, err := url.QueryUnescape(n); err == nil {
		n = dec
	}
	for _, s := range []string{"token", "pass", "secret", "sig", "key", "auth", "cred", "session", "code"} {
		if strings.Contains(n, s) {
			return true
		}
	}
	return strings.HasPrefix(n, "x-amz-")
}
