package redact

import "testing"

func TestURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://github.com/acme/a.git", "https://github.com/acme/a.git"},
		{"https://user:tok@github.com/acme/a.git", "https://***@github.com/acme/a.git"},
		{"https://ghp_tok3n@github.com/org/repo", "https://***@github.com/org/repo"},
		{"https://user:to/k@github.com/acme/a.git", "https://***@github.com/acme/a.git"},
		{"https://user:t@k@github.com/a.git", "https://***@github.com/a.git"},
		{"https://host/repo.git?access_token=abc&ref=main", "https://host/repo.git?access_token=***&ref=main"},
		{"https://host/r?X-Amz-Signature=zz&private_token=t#frag", "https://host/r?X-Amz-Signature=***&private_token=***#frag"},
		{"https://u:p@host/r?token=x", "https://***@host/r?token=***"},
		{"ssh://git:pw@host:22/org/repo", "ssh://***@host:22/org/repo"},
		{"git@github.com:acme/a.git", "git@github.com:acme/a.git"},
		{"git:pw@github.com:acme/a.git", "***@github.com:acme/a.git"},
		{"git:p/w@github.com:acme/a.git", "***@github.com:acme/a.git"},
		{"./local/dir", "./local/dir"},
		{"/srv/repos/api", "/srv/repos/api"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := URL(tt.in); got != tt.want {
			t.Errorf("URL(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzURL(f *testing.F) {
	f.Add("https://user:secret@host/r?token=secret")
	f.Add("git:secret@host:r")
	f.Fuzz(func(t *testing.T, raw string) {
		got := URL(raw)
		// Idempotent: redacting twice changes nothing more.
		if again := URL(got); again != got {
			t.Errorf("URL(URL(%q)) = %q, want %q", raw, again, got)
		}
	})
}
