package distill

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/distill/distill/internal/allium"
)

// parallelServices are multi-file services distilled with one worker and
// with several: the fixture services and every real-world service.
func parallelServices(t *testing.T) map[string]string {
	t.Helper()
	dirs := map[string]string{}
	for name, dir := range fixtures {
		dirs[name] = dir
	}
	real, _ := filepath.Glob("../../testdata/realworld/*/src")
	for _, dir := range real {
		if fi, err := os.Stat(dir); err == nil && fi.IsDir() {
			dirs["realworld/"+filepath.Base(filepath.Dir(dir))] = dir
		}
	}
	return dirs
}

// distilled is what a distillation yields, in a form compared byte for
// byte: the spec printed with provenance, the stats and the notes.
type distilled struct {
	Spec  string
	Stats string
	Notes []string
}

func distilWith(t *testing.T, d *Distiller, service, dir string) distilled {
	t.Helper()
	out, err := d.Distill(context.Background(), Input{Service: service, Files: loadService(t, dir)})
	if err != nil {
		t.Fatalf("%s: %v", service, err)
	}
	return distilledOf(out)
}

func distilledOf(out *Output) distilled {
	return distilled{
		Spec:  string(allium.Print(out.Module, allium.PrintOptions{Provenance: true})),
		Stats: fmt.Sprintf("%+v", out.Stats),
		Notes: out.Notes,
	}
}

// sortedNames returns the names of services in order.
func sortedNames(services map[string]string) []string {
	names := make([]string, 0, len(services))
	for name := range services {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

// TestWorkersSameOutput distils each multi-file service with one worker,
// then with four workers, one service at a time and all services at once
// on one Distiller (sharing its workers), and requires the same bytes.
func TestWorkersSameOutput(t *testing.T) {
	services := parallelServices(t)
	names := sortedNames(services)
	t.Logf("%d services", len(names))

	one := New(Options{Workers: 1})
	defer one.Close()
	want := map[string]distilled{}
	for _, name := range names {
		want[name] = distilWith(t, one, name, services[name])
	}

	four := New(Options{Workers: 4})
	defer four.Close()
	for _, name := range names {
		if diff := cmp.Diff(want[name], distilWith(t, four, name, services[name])); diff != "" {
			t.Errorf("%s: 4 workers differ from 1 (-1 +4):\n%s", name, diff)
		}
	}

	var wg sync.WaitGroup
	got := make([]distilled, len(names))
	for i, name := range names {
		wg.Go(func() { got[i] = distilWith(t, four, name, services[name]) })
	}
	wg.Wait()
	for i, name := range names {
		if diff := cmp.Diff(want[name], got[i]); diff != "" {
			t.Errorf("%s: concurrent services on 4 workers differ from 1 worker (-1 +4):\n%s", name, diff)
		}
	}
}
