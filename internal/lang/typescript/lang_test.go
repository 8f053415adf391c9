package typescript

import (
	"testing"

	"github.com/distill/distill/internal/lang"
)

// The extractor is a lang.Language, ready for the registry once the
// distiller detects the language per file. It is not in lang.Default()
// yet: the distiller picks one language per service by file count, and a
// Python service with a few static .js files would flip to TypeScript.
var _ lang.Language = (*TypeScript)(nil)

func TestRegistersAlongsidePython(t *testing.T) {
	t.Parallel()
	r := lang.NewRegistry(lang.Default().Languages()...)
	r = lang.NewRegistry(append(r.Languages(), New())...)
	for path, want := range map[string]string{"a.py": "python", "a.ts": ID, "b/c.JSX": ID, "d.cjs": ID} {
		if l := r.ForPath(path); l == nil || l.ID() != want {
			t.Errorf("ForPath(%q) = %v, want %s", path, l, want)
		}
	}
}
