package redact

import (
	"encoding/base64"
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"
)

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
		{"s3://bucket/out?endpoint=http://minio:pw@10.0.0.1:9000&region=x", "s3://bucket/out?endpoint=http://***@10.0.0.1:9000&region=x"},
		{"s3://bucket/out?endpoint=http://10.0.0.1:9000", "s3://bucket/out?endpoint=http://10.0.0.1:9000"},
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

func TestURLAtInPathIsNotACredential(t *testing.T) {
	for _, raw := range []string{
		"https://git.example.com/team@corp/x.git",
		"http://127.0.0.1:8080/team@corp.git",
		"https://host:8443/team@corp/x.git",
		"git@host:team@corp/x.git",
		"host:team@corp/x.git",
		"/srv/team@corp/x.git",
		"./team@corp/x",
	} {
		if got := URL(raw); got != raw {
			t.Errorf("URL(%q) = %q, want it unchanged (the @ is in the path)", raw, got)
		}
	}
}

func TestTextHidesEveryEncoding(t *testing.T) {
	const token = "tok-7f3a/9c+1d=secret"
	header := base64.StdEncoding.EncodeToString([]byte("x-access-token:" + token))
	urlSafe := base64.RawURLEncoding.EncodeToString([]byte("someone:" + token))
	msg := "denied: Authorization: Basic " + header + "; raw " + token + "; query token=" + url.QueryEscape(token) +
		"; path /" + url.PathEscape(token) + "/x; urlsafe " + urlSafe + "; prefixed zz" + header +
		"; lower hex " + strings.ToLower(url.QueryEscape(token))
	got, changed := Text(msg, token)
	if !changed {
		t.Fatal("Text reports nothing hidden")
	}
	for _, leak := range []string{token, header, url.QueryEscape(token), url.PathEscape(token), urlSafe, strings.ToLower(url.QueryEscape(token))} {
		if strings.Contains(got, leak) {
			t.Errorf("Text left %q in %q", leak, got)
		}
	}
	if !strings.HasPrefix(got, "denied: Authorization: Basic ***") {
		t.Errorf("Text hid too much or too little: %q", got)
	}
	if plain, changed := Text("nothing to hide here: aGVsbG8gd29ybGQ=", token); changed || plain != "nothing to hide here: aGVsbG8gd29ybGQ=" {
		t.Errorf("Text changed an innocent message: %q", plain)
	}
}

func TestQuoteBoundsAndEscapes(t *testing.T) {
	body := "line one\nline two\r\n" + strings.Repeat("é", 400)
	got := Quote(body, 100)
	if strings.ContainsAny(got, "\n\r") {
		t.Errorf("Quote left a control character: %q", got)
	}
	if !strings.Contains(got, `line one\nline two`) || !strings.Contains(got, "more bytes not shown") {
		t.Errorf("Quote = %q", got)
	}
	if !utf8.ValidString(got) || len(got) > 100+len("… (9999 more bytes not shown)") {
		t.Errorf("Quote did not bound the text on a rune boundary: %d bytes", len(got))
	}
}
