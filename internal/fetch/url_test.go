package fetch

import (
	"strings"
	"testing"
)

func TestCacheKeyNormalisation(t *testing.T) {
	same := []string{
		"https://github.com/Org/Repo.git",
		"https://GitHub.com/Org/Repo",
		"https://token@github.com/Org/Repo/",
		"HTTPS://user:pw@github.com/Org/Repo.git",
	}
	var first string
	for _, u := range same {
		loc, err := parseLocation(u)
		if err != nil {
			t.Fatalf("parseLocation(%q): %v", u, err)
		}
		name := cacheDirName(loc.key)
		if first == "" {
			first = name
		} else if name != first {
			t.Errorf("%q -> %s, want %s (same repository)", u, name, first)
		}
	}
	if want := "repo-"; first[:len(want)] != want {
		t.Errorf("cache dir %s lacks the readable slug %q", first, want)
	}
	scp, err := parseLocation("git@github.com:Org/Repo.git")
	if err != nil {
		t.Fatal(err)
	}
	ssh, err := parseLocation("ssh://git@github.com/Org/Repo")
	if err != nil {
		t.Fatal(err)
	}
	if scp.kind != kindSSH || scp.key != ssh.key {
		t.Errorf("scp form key %q (kind %v), ssh:// key %q: want the same ssh key", scp.key, scp.kind, ssh.key)
	}
	other, _ := parseLocation("https://github.com/Org/Other")
	if cacheDirName(other.key) == first {
		t.Errorf("different repositories share a cache entry")
	}
}

func TestSSHWithoutKnownHostsFails(t *testing.T) {
	t.Setenv("HOME", t.TempDir())
	t.Setenv("SSH_KNOWN_HOSTS", "")
	f := &Fetcher{CacheDir: t.TempDir()}
	_, err := f.Fetch(t.Context(), Request{Name: "r", URL: "git@example.invalid:org/repo.git", Auth: Auth{SSHKey: []byte("x")}})
	if err == nil || !strings.Contains(err.Error(), "known_hosts") {
		t.Fatalf("err = %v, want a known_hosts error", err)
	}
}
