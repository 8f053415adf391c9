package manifest

import (
	"path"
	"strings"
	"testing"
)

func TestMatch(t *testing.T) {
	t.Parallel()
	tests := []struct {
		pattern, path string
		want          bool
	}{
		// ** as any number of leading segments, including none.
		{"**/*.py", "a.py", true},
		{"**/*.py", "x/a.py", true},
		{"**/*.py", "x/y/z/a.py", true},
		{"**/*.py", "x/a.pyc", false},
		{"**/*.py", "x/a.py/b", false},
		{"**/*.py", ".hidden.py", true},
		// ** in the middle and at the end.
		{"**/tests/**", "tests", true},
		{"**/tests/**", "tests/a.py", true},
		{"**/tests/**", "pkg/tests/b/c.py", true},
		{"**/tests/**", "pkg/contests/c.py", false},
		{"**/tests/**", "pkg/tests_util/c.py", false},
		{"src/**/models.py", "src/models.py", true},
		{"src/**/models.py", "src/a/b/models.py", true},
		{"src/**/models.py", "lib/src/models.py", false},
		{"src/**", "src", true},
		{"src/**", "src/a/b", true},
		{"src/**", "srcx/a", false},
		{"**", "", true},
		{"**", "anything/at/all", true},
		{"**/**/x", "x", true},
		{"**/**/x", "a/b/x", true},
		{"a/**/b/**/c", "a/b/c", true},
		{"a/**/b/**/c", "a/x/b/y/z/c", true},
		{"a/**/b/**/c", "a/x/y/z/c", false},
		{"a/**/b/**/c", "a/b/b/b/c/c", true},
		// * and ? stay inside one segment.
		{"*.py", "a.py", true},
		{"*.py", "dir/a.py", false},
		{"src/*.ts", "src/app.ts", true},
		{"src/*.ts", "src/lib/app.ts", false},
		{"*", "", true},
		{"*", "a/b", false},
		{"a*b*c", "abc", true},
		{"a*b*c", "aXbYc", true},
		{"a*b*c", "aXbY", false},
		{"a*b*c", "abcabc", true},
		{"*test*", "my_test_file.py", true},
		{"?.py", "a.py", true},
		{"?.py", "ab.py", false},
		{"?.py", "é.py", true}, // one character, two bytes
		{"??", "é", false},
		{"a?b", "a/b", false},
		// Character sets.
		{"[abc].py", "b.py", true},
		{"[abc].py", "d.py", false},
		{"[a-c]x", "bx", true},
		{"[a-c]x", "dx", false},
		{"[!a-c]x", "dx", true},
		{"[!a-c]x", "ax", false},
		{"[^a-c]x", "dx", true},
		{"[^a-c]x", "bx", false},
		{"[a-cx-z]", "y", true},
		{"[\\]]", "]", true},
		{"[\\-]", "-", true},
		{"[é]", "é", true},
		{"v[0-9].[0-9]", "v1.2", true},
		// Escapes.
		{"\\*.py", "*.py", true},
		{"\\*.py", "a.py", false},
		{"a\\?", "a?", true},
		{"a\\?", "ab", false},
		{"\\**", "*abc", true}, // an escaped star followed by a star is not **
		{"[*][*]", "**", true},
		// Literal segments.
		{"src/app.ts", "src/app.ts", true},
		{"src/app.ts", "src/app.tsx", false},
		{"src/app.ts", "src", false},
		// Invalid patterns match nothing.
		{"[a-", "a", false},
		{"a**", "a", false},
		{"/abs", "/abs", false},
		{"", "", false},
	}
	for _, tt := range tests {
		if got := Match(tt.pattern, tt.path); got != tt.want {
			t.Errorf("Match(%q, %q) = %v, want %v", tt.pattern, tt.path, got, tt.want)
		}
	}
}

func TestValidGlob(t *testing.T) {
	t.Parallel()
	tests := []struct {
		pattern string
		wantErr string // "" means valid
	}{
		{"**/*.py", ""},
		{"src/[a-z]*/x?.ts", ""},
		{"[!abc]", ""},
		{"\\[literal\\]", ""},
		{"**/**", ""},
		{"[\\]]", ""},
		{"", "empty pattern"},
		{"/abs", "must be relative"},
		{"dir/", "ends with /"},
		{"a//b", "empty path segment"},
		{"./a", `segment "." never matches`},
		{"a/../b", `segment ".." never matches`},
		{"a**", "** must be a whole path segment, as in **/a* or dir/**"},
		{"**b/c", "** must be a whole path segment"},
		{"a/***/b", "** must be a whole path segment"},
		{"[abc", "not closed"},
		{"[]", "] in a character set must be escaped"},
		{"[a-]", "] in a character set must be escaped"},
		{"[-a]", "- in a character set must be escaped"},
		{"[z-a]", "range z-a in a character set is reversed"},
		{"x]", "] without a matching ["},
		{"x\\", "unfinished escape"},
		{"[x\\", "not closed"},
		{"\xff.py", "not valid UTF-8"},
	}
	for _, tt := range tests {
		err := ValidGlob(tt.pattern)
		switch {
		case tt.wantErr == "" && err != nil:
			t.Errorf("ValidGlob(%q) = %v, want nil", tt.pattern, err)
		case tt.wantErr != "" && err == nil:
			t.Errorf("ValidGlob(%q) = nil, want an error containing %q", tt.pattern, tt.wantErr)
		case tt.wantErr != "" && !strings.Contains(err.Error(), tt.wantErr):
			t.Errorf("ValidGlob(%q) = %q, want it to contain %q", tt.pattern, err, tt.wantErr)
		}
	}
}

func TestCompiledGlobAgreesWithMatch(t *testing.T) {
	t.Parallel()
	g, err := CompileGlob("**/migrations/**")
	if err != nil {
		t.Fatal(err)
	}
	if g.String() != "**/migrations/**" {
		t.Errorf("String() = %q", g.String())
	}
	for _, p := range []string{"migrations", "app/migrations/0001.py", "app/migration.py"} {
		if g.Match(p) != Match("**/migrations/**", p) {
			t.Errorf("Glob.Match(%q) disagrees with Match", p)
		}
	}
}

// FuzzMatch checks Match against the standard library's path.Match on the
// patterns both accept and that do not use what only ours has (** and [!]),
// and that no input panics. One difference is deliberate: path.Match lets a
// negated set like [^0] match "/", while our sets, like * and ?, never
// cross a segment boundary; such inputs are not compared.
func FuzzMatch(f *testing.F) {
	seeds := [][2]string{
		{"*.py", "a.py"}, {"a*b*c", "abcabc"}, {"[a-c]?", "bx"}, {"[^a]", "b"},
		{"\\*x", "*x"}, {"src/*.ts", "src/a.ts"}, {"**/x", "a/b/x"}, {"[é-ü]", "ö"},
	}
	for _, s := range seeds {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, pattern, name string) {
		got := Match(pattern, name)
		if got && !strings.Contains(pattern, "/") && pattern != "**" && strings.Contains(name, "/") {
			t.Errorf("Match(%q, %q) = true: a one-segment pattern matched across a /", pattern, name)
		}
		if strings.Contains(pattern, "**") || strings.Contains(pattern, "[!") || ValidGlob(pattern) != nil {
			return
		}
		if strings.Contains(pattern, "[") && strings.Contains(name, "/") {
			return
		}
		want, err := path.Match(pattern, name)
		if err != nil {
			return
		}
		if got != want {
			t.Errorf("Match(%q, %q) = %v, path.Match = %v", pattern, name, got, want)
		}
	})
}

func BenchmarkGlobMatch(b *testing.B) {
	g, err := CompileGlob("**/node_modules/**")
	if err != nil {
		b.Fatal(err)
	}
	const p = "services/api/src/components/forms/password/reset/ResetPasswordForm.test.tsx"
	b.ReportAllocs()
	for b.Loop() {
		g.Match(p)
	}
}
