package pipeline

import (
	"slices"
	"testing"

	"github.com/distill/distill/internal/manifest"
)

// TestFetchOrder pins the order repositories are fetched in: the largest
// by the previous run's files read first, manifest order among equals and
// in a cold run, and a repository the previous run did not read placed as
// one of average size.
func TestFetchOrder(t *testing.T) {
	repo := func(name string, services ...string) RepoPlan {
		rp := RepoPlan{Repo: manifest.Repo{Name: name}}
		for _, s := range services {
			rp.Services = append(rp.Services, ServicePlan{Service: manifest.Service{Name: s}})
		}
		return rp
	}
	plan := []RepoPlan{repo("small", "api"), repo("new", "api"), repo("mono", "api", "worker"), repo("mid", "api")}
	cases := []struct {
		name string
		prev map[string]int // "repo/service" -> files read in the previous run
		want []int
	}{
		{"cold run: manifest order", nil, []int{0, 1, 2, 3}},
		{
			"largest first; a service's files add up per repository; the new one as the mean (40)",
			map[string]int{"small/api": 3, "mono/api": 90, "mono/worker": 30, "mid/api": 7},
			[]int{2, 1, 3, 0},
		},
		{
			"equal sizes keep manifest order",
			map[string]int{"small/api": 5, "new/api": 5, "mono/api": 2, "mono/worker": 3, "mid/api": 5},
			[]int{0, 1, 2, 3},
		},
		{
			"two unknown repositories sit at the mean (6), between the known ones",
			map[string]int{"small/api": 10, "mid/api": 2},
			[]int{0, 1, 2, 3},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			st := &state{Services: map[string]stateEntry{}}
			for id, n := range tc.prev {
				st.Services[id] = stateEntry{FilesRead: n}
			}
			if got := fetchOrder(plan, st); !slices.Equal(got, tc.want) {
				t.Errorf("fetchOrder = %v, want %v", got, tc.want)
			}
		})
	}
}
