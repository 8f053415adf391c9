package distill

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestReleaseDataSameOutput distils every multi-file service with and
// without Input.ReleaseData and requires the same bytes, and, with it,
// that each file read lost its Data while the others kept theirs.
func TestReleaseDataSameOutput(t *testing.T) {
	services := parallelServices(t)
	d := New(Options{Workers: 2})
	defer d.Close()
	for _, name := range sortedNames(services) {
		t.Run(name, func(t *testing.T) {
			want := distilWith(t, d, name, services[name])
			files := loadService(t, services[name])
			out, err := d.Distill(context.Background(), Input{Service: name, Files: files, ReleaseData: true})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, distilledOf(out)); diff != "" {
				t.Errorf("released data changes the output (-kept +released):\n%s", diff)
			}
			for _, f := range files {
				read := d.langs.ForPath(f.Path) != nil
				if read && f.Data != nil {
					t.Errorf("%s: read but its data was kept", f.Path)
				}
				if !read && f.Data == nil {
					t.Errorf("%s: not read but its data was dropped", f.Path)
				}
			}
		})
	}
}
