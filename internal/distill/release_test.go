package distill

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/distill/distill/internal/allium"
)

// TestReleaseDataSameOutput distils every multi-file service with and
// without Input.ReleaseData and requires the same bytes, and, with it,
// that each file of the service's language lost its Data while the
// others kept theirs.
func TestReleaseDataSameOutput(t *testing.T) {
	services := parallelServices(t)
	names := make([]string, 0, len(services))
	for name := range services {
		names = append(names, name)
	}
	slices.Sort(names)
	d := New(Options{Workers: 2})
	defer d.Close()
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			want := distilWith(t, d, name, services[name])
			files := loadService(t, services[name])
			out, err := d.Distill(context.Background(), Input{Service: name, Files: files, ReleaseData: true})
			if err != nil {
				t.Fatal(err)
			}
			got := distilled{
				Spec:  string(allium.Print(out.Module, allium.PrintOptions{Provenance: true})),
				Stats: fmt.Sprintf("%+v", out.Stats),
				Notes: out.Notes,
			}
			if diff := cmp.Diff(want, got); diff != "" {
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
