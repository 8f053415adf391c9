package manifest

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"

	"github.com/distill/distill/internal/redact"
)

// Transport is how a repository's URL is reached.
type Transport string

// The transports a manifest may use.
const (
	TransportLocal Transport = "local" // a plain directory path, absolute or relative to the manifest
	TransportFile  Transport = "file"  // file:///abs/path
	TransportHTTPS Transport = "https"
	TransportHTTP  Transport = "http" // loopback hosts only, for tests
	TransportSSH   Transport = "ssh"  // ssh://host/path or the scp form git@host:org/repo.git
	TransportGit   Transport = "git"  // git://host/path
)

// classifyURL returns the transport of a repository URL, or an error that
// explains why it cannot be used. Error texts show the URL only through
// redactURL, so credentials written into it never reach a log.
func classifyURL(raw string) (Transport, error) {
	if strings.ContainsFunc(raw, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		return "", errors.New("url contains control characters")
	}
	if scheme, _, ok := strings.Cut(raw, "://"); ok {
		return classifySchemeURL(strings.ToLower(scheme), raw)
	}
	if isSCPLike(raw) {
		return classifySCP(raw)
	}
	return TransportLocal, nil
}

func classifySchemeURL(scheme, raw string) (Transport, error) {
	shown := shownURL(raw)
	var t Transport
	switch scheme {
	case "https":
		t = TransportHTTPS
	case "http":
		t = TransportHTTP
	case "ssh":
		t = TransportSSH
	case "git":
		t = TransportGit
	case "file":
		t = TransportFile
	default:
		return "", fmt.Errorf("url scheme %q is not supported; use https://, ssh://, git@host:org/repo.git, git://, file:// or a local directory path", safeScheme(scheme))
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "", fmt.Errorf("url %s is not a valid URL", shown)
	}
	if u.User != nil {
		_, hasPassword := u.User.Password()
		if t != TransportSSH || hasPassword {
			return "", fmt.Errorf("url %s embeds credentials; remove them and name an environment variable that holds the token with auth.token_env (or auth.ssh_key_env for ssh)", shown)
		}
	}
	if u.RawQuery != "" || u.Fragment != "" || strings.ContainsAny(raw, "?#") {
		return "", fmt.Errorf("url %s must not have a query or fragment", shown)
	}
	if t == TransportFile {
		if u.Host != "" && u.Host != "localhost" {
			return "", fmt.Errorf("url %s: a file URL needs an absolute path, as in file:///srv/git/repo.git", shown)
		}
		if u.Path == "" || !strings.HasPrefix(u.Path, "/") {
			return "", fmt.Errorf("url %s: a file URL needs an absolute path, as in file:///srv/git/repo.git", shown)
		}
		return t, nil
	}
	host := u.Hostname()
	if host == "" {
		return "", fmt.Errorf("url %s has no host", shown)
	}
	if strings.Trim(u.Path, "/") == "" {
		return "", fmt.Errorf("url %s has no repository path", shown)
	}
	if t == TransportHTTP && !isLoopback(host) {
		return "", fmt.Errorf("url %s uses plain http, which sends code and tokens unencrypted; use https (plain http is allowed only for localhost and 127.0.0.1)", shown)
	}
	return t, nil
}

// isSCPLike reports whether raw is git's scp-like ssh syntax
// [user@]host:path, which git recognises by a colon before any slash.
func isSCPLike(raw string) bool {
	colon := strings.IndexByte(raw, ':')
	slash := strings.IndexByte(raw, '/')
	return colon > 0 && (slash < 0 || colon < slash)
}

func classifySCP(raw string) (Transport, error) {
	shown := shownURL(raw)
	hostPart, path, _ := strings.Cut(raw, ":")
	// "user:password@host:path" splits at the password's colon, leaving
	// "password@host:path" in what looks like the path: an "@" followed by
	// the host's colon. An "@" in a real path ("git@host:team@corp/x.git")
	// is followed by no colon and is not a credential.
	if at := strings.LastIndexByte(path, '@'); at >= 0 && strings.Contains(path[at+1:], ":") {
		return "", fmt.Errorf("url %s embeds a password; remove it and name an environment variable that holds the private key with auth.ssh_key_env", shown)
	}
	host := hostPart
	if at := strings.LastIndexByte(hostPart, '@'); at >= 0 {
		host = hostPart[at+1:]
	}
	if host == "" || strings.ContainsAny(host, " \\") {
		return "", fmt.Errorf("url %s has no valid host; write git@host:org/repo.git", shown)
	}
	if strings.Trim(path, "/") == "" {
		return "", fmt.Errorf("url %s has no repository path; write git@host:org/repo.git", shown)
	}
	return TransportSSH, nil
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// safeScheme shortens a scheme for display: whatever precedes :// is shown,
// and a long one is more likely pasted garbage (or a secret) than a scheme.
func safeScheme(s string) string {
	if len(s) > 16 || strings.ContainsAny(s, "@:/") {
		return "(not shown)"
	}
	return s
}

// shownURL is a URL as a manifest error may show it: credentials hidden,
// and any query or fragment dropped whole (the manifest rejects them, and a
// fragment can be anything, a token included).
func shownURL(raw string) string {
	if i := strings.IndexAny(raw, "?#"); i >= 0 {
		return redact.URL(raw[:i]) + "?***"
	}
	return redact.URL(raw)
}
