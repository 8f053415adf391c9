package manifest

import (
	"strings"
	"testing"
)

func TestQuorumRequired(t *testing.T) {
	t.Parallel()
	tests := []struct {
		q    Quorum
		n    int
		want int
	}{
		{Quorum{All: true}, 3, 3},
		{Quorum{All: true}, 1, 1},
		{Quorum{}, 4, 4}, // zero value means all
		{Quorum{Count: 2}, 3, 2},
		{Quorum{Count: 5}, 3, 3}, // at most n
		{Quorum{Count: 1}, 7, 1},
		{Quorum{Fraction: 0.5}, 4, 2},
		{Quorum{Fraction: 0.5}, 3, 2},  // rounded up
		{Quorum{Fraction: 0.3}, 10, 3}, // 0.3*10 is 3.0000000000000004 in float64
		{Quorum{Fraction: 0.7}, 10, 7},
		{Quorum{Fraction: 1.0 / 3}, 3, 1},
		{Quorum{Fraction: 0.01}, 3, 1}, // at least 1
		{Quorum{Fraction: 1}, 5, 5},
		{Quorum{All: true}, 0, 0},
		{Quorum{Count: 2}, 0, 0},
	}
	for _, tt := range tests {
		if got := tt.q.Required(tt.n); got != tt.want {
			t.Errorf("%+v.Required(%d) = %d, want %d", tt.q, tt.n, got, tt.want)
		}
	}
}

func TestQuorumString(t *testing.T) {
	t.Parallel()
	tests := []struct {
		q    Quorum
		want string
	}{
		{Quorum{All: true}, "all"},
		{Quorum{}, "all"},
		{Quorum{Count: 2}, "2"},
		{Quorum{Fraction: 0.5}, "0.5"},
		{Quorum{Fraction: 1}, "1"},
		{Quorum{Fraction: 0.75}, "0.75"},
	}
	for _, tt := range tests {
		if got := tt.q.String(); got != tt.want {
			t.Errorf("%+v.String() = %q, want %q", tt.q, got, tt.want)
		}
	}
}

func TestParseSize(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in      string
		want    int64
		wantErr string
	}{
		{"1024", 1024, ""},
		{"1MiB", 1 << 20, ""},
		{"1 MiB", 1 << 20, ""},
		{"512KiB", 512 << 10, ""},
		{"2MB", 2_000_000, ""},
		{"2mb", 2_000_000, ""},
		{"3kb", 3000, ""},
		{"1GiB", 1 << 30, ""},
		{"7B", 7, ""},
		{"0", 0, ""}, // syntax is fine; positivity is checked by the caller
		{"1.5MiB", 0, "whole number"},
		{"MiB", 0, "whole number"},
		{"1TB", 0, "whole number"},
		{"-1", 0, "whole number"},
		{"99999999999GiB", 0, "too large"},
		{"99999999999999999999", 0, "too large"},
	}
	for _, tt := range tests {
		got, err := parseSize(tt.in)
		switch {
		case tt.wantErr == "" && (err != nil || got != tt.want):
			t.Errorf("parseSize(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
		case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
			t.Errorf("parseSize(%q) = %d, %v; want error containing %q", tt.in, got, err, tt.wantErr)
		}
	}
}

func TestClassifyURL(t *testing.T) {
	t.Parallel()
	tests := []struct {
		url     string
		want    Transport
		wantErr string
	}{
		{"https://github.com/acme/a.git", TransportHTTPS, ""},
		{"HTTPS://github.com/acme/a.git", TransportHTTPS, ""},
		{"http://127.0.0.1:4321/a.git", TransportHTTP, ""},
		{"http://127.0.0.2/a.git", TransportHTTP, ""},
		{"http://localhost/a.git", TransportHTTP, ""},
		{"http://[::1]:8080/a.git", TransportHTTP, ""},
		{"ssh://git@github.com/acme/a.git", TransportSSH, ""},
		{"ssh://github.com:2222/acme/a.git", TransportSSH, ""},
		{"git@github.com:acme/a.git", TransportSSH, ""},
		{"github.com:acme/a.git", TransportSSH, ""},
		{"git://example.com/a.git", TransportGit, ""},
		{"file:///srv/git/a.git", TransportFile, ""},
		{"file://localhost/srv/git/a.git", TransportFile, ""},
		{"./testdata/services/flask_accounts", TransportLocal, ""},
		{"../sibling", TransportLocal, ""},
		{"/abs/path", TransportLocal, ""},
		{"relative/dir", TransportLocal, ""},
		{"dir/with:colon", TransportLocal, ""}, // the slash comes first, as git decides
		{"http://example.com/a.git", "", "uses plain http"},
		{"http://127.0.0.1.example.com/a.git", "", "uses plain http"},
		{"ftp://example.com/a.git", "", `scheme "ftp" is not supported`},
		{"https://u:p@github.com/a.git", "", "embeds credentials"},
		{"https://u@github.com/a.git", "", "embeds credentials"},
		{"git://u@example.com/a.git", "", "embeds credentials"},
		{"ssh://u:p@github.com/a.git", "", "embeds credentials"},
		{"u:p@github.com:acme/a.git", "", "embeds a password"},
		// An "@" in the path is not a credential.
		{"https://git.example.com/team@corp/x.git", TransportHTTPS, ""},
		{"git@github.com:team@corp/x.git", TransportSSH, ""},
		{"/srv/team@corp/x", TransportLocal, ""},
		{"https://github.com", "", "no repository path"},
		{"https:///a.git", "", "no host"},
		{"https://github.com/a.git#main", "", "must not have a query or fragment"},
		{"file://host/a.git", "", "absolute path"},
		{"file://", "", "absolute path"},
		{"@:x", "", "no valid host"},
		{"https://github.com/a\n.git", "", "control characters"},
	}
	for _, tt := range tests {
		got, err := classifyURL(tt.url)
		switch {
		case tt.wantErr == "" && (err != nil || got != tt.want):
			t.Errorf("classifyURL(%q) = %q, %v; want %q", tt.url, got, err, tt.want)
		case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
			t.Errorf("classifyURL(%q) = %q, %v; want error containing %q", tt.url, got, err, tt.wantErr)
		}
	}
}

func TestLooksLikeToken(t *testing.T) {
	t.Parallel()
	tokens := []string{
		"ghp_" + strings.Repeat("a1B2", 9), "github_pat_11ABCDEFG", "glpat-xxxxxxxxxxxxxxxxxxxx", "AKIAIOSFODNN7EXAMPLE",
		"0123456789abcdef0123456789abcdef0123", "S3CR3TV4LUE9F8E7D6C5B4A3", "xoxb-123-456",
	}
	names := []string{"ACME_GIT_TOKEN", "GITHUB_TOKEN", "CI_JOB_TOKEN", "GIT_TOKEN_2", "MY_VERY_LONG_DESCRIPTIVE_TOKEN_NAME_FOR_REPO_42", "SSH_KEY"}
	for _, s := range tokens {
		if !looksLikeToken(s) {
			t.Errorf("looksLikeToken(%q) = false, want true", s)
		}
	}
	for _, s := range names {
		if looksLikeToken(s) {
			t.Errorf("looksLikeToken(%q) = true, want false", s)
		}
	}
}

func TestEditDistance(t *testing.T) {
	t.Parallel()
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"depth", "depth", 0}, {"depht", "depth", 2}, {"exclude", "excludes", 1}, {"", "abc", 3}, {"kitten", "sitting", 3},
	}
	for _, tt := range tests {
		if got := editDistance(tt.a, tt.b); got != tt.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}
