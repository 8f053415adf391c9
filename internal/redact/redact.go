// Package redact removes credentials from repository URLs before they reach
// a log line, an error, an output file or a Parquet row. It is the one
// place that decides what a secret in a URL looks like, shared by the
// manifest validator (which rejects such URLs and must not echo them) and
// the fetcher and pipeline (which report URLs).
package redact

import (
	"net/url"
	"strings"
)

// URL returns raw with its credentials replaced by "***":
//   - userinfo: everything before the last "@" of the part before any
//     query or fragment, so a password containing "/", ":" or "@" is
//     hidden whole ("https://u:p/w@host/r" -> "https://***@host/r");
//   - scp-style addresses: "user:password@host:path" is hidden, a plain
//     "git@host:path" is not a secret and stays;
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
	if at := strings.LastIndexByte(rest, '@'); at >= 0 {
		user := rest[:at]
		// scp form: only a user:password pair is secret.
		if hasScheme || strings.Contains(user, ":") {
			rest = "***@" + rest[at+1:]
		}
	}
	if hasScheme {
		head = scheme + "://" + rest
	} else {
		head = rest
	}
	return head + redactQuery(tail)
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
		name, _, hasValue := strings.Cut(p, "=")
		if hasValue && secretParam(name) {
			params[i] = name + "=***"
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
