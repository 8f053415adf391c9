package catalog

import (
	"slices"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/distill/distill/configs"
)

// TestSectionsHaveTheSameKeys: every language section of the embedded
// catalog names the same keys, so a language's knowledge is all in its
// section and none is left to Go code (an empty list says a concept has
// no counterpart in that language).
func TestSectionsHaveTheSameKeys(t *testing.T) {
	t.Parallel()
	var raw struct {
		Languages map[string]map[string]any `yaml:"languages"`
	}
	if err := yaml.Unmarshal(configs.Patterns, &raw); err != nil {
		t.Fatal(err)
	}
	keys := func(id string) []string {
		var out []string
		for k := range raw.Languages[id] {
			out = append(out, k)
		}
		slices.Sort(out)
		return out
	}
	want := keys("python")
	for id := range raw.Languages {
		got := keys(id)
		for _, k := range want {
			if !slices.Contains(got, k) {
				t.Errorf("%s section lacks %s", id, k)
			}
		}
		for _, k := range got {
			if !slices.Contains(want, k) {
				t.Errorf("%s section has %s, which python lacks", id, k)
			}
		}
	}
	c := MustDefault()
	for _, tt := range []struct{ lang, receiver string }{{"python", "self"}, {"typescript", "this"}} {
		if l := c.Language(tt.lang); l == nil || len(l.ReceiverNames) == 0 || l.ReceiverNames[0] != tt.receiver {
			t.Errorf("%s: receiver names %v, want %s first", tt.lang, l.ReceiverNames, tt.receiver)
		}
	}
}
