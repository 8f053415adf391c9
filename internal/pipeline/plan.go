package pipeline

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/distill/distill/internal/manifest"
	"github.com/distill/distill/internal/redact"
)

// RepoPlan is one repository of the run and the services to read from it.
type RepoPlan struct {
	Repo manifest.Repo
	// Source is what the fetcher is given: the URL, or for a local
	// directory its path resolved against the manifest's directory.
	Source   string
	Services []ServicePlan
}

// ServicePlan is one service; Index is its position in the run's results.
type ServicePlan struct {
	manifest.Service
	Index int
}

// Plan lists the repositories and services to run, in manifest order.
// only filters by repository name or "repo/service"; empty keeps all.
func Plan(m *manifest.Manifest, only []string) []RepoPlan {
	var plan []RepoPlan
	index := 0
	for _, repo := range m.Repos {
		rp := RepoPlan{Repo: repo, Source: repo.URL}
		if repo.IsLocalDir() {
			rp.Source = m.LocalPath(repo)
		}
		for _, svc := range repo.Services {
			if !selected(only, repo.Name, svc.Name) {
				continue
			}
			rp.Services = append(rp.Services, ServicePlan{Service: svc, Index: index})
			index++
		}
		if len(rp.Services) > 0 {
			plan = append(plan, rp)
		}
	}
	return plan
}

func selected(only []string, repo, service string) bool {
	if len(only) == 0 {
		return true
	}
	for _, o := range only {
		if o == repo || o == repo+"/"+service {
			return true
		}
	}
	return false
}

// fetchOrder is the order in which the repositories of plan are fetched:
// the largest first, by the files their services read in the previous run
// (prev), manifest order among equals. The run ends when its largest
// repository has been fetched and distilled, the longest chain of work; a
// large repository fetched last, after the clone workers have gone through
// the small ones, starts that chain late while the cores wait for it. A
// repository the previous run did not read (new, or a cold run) is given
// the mean of those it did, so that new repositories neither all go first
// nor all wait; in a cold run every repository is unknown and the order is
// the manifest's. The order changes when work starts, never what is
// written: results are kept in plan order.
func fetchOrder(plan []RepoPlan, prev *state) []int {
	size := make([]int, len(plan))
	known := make([]bool, len(plan))
	total, count := 0, 0
	for i := range plan {
		rp := &plan[i]
		for j := range rp.Services {
			if e, ok := prev.Services[rp.Repo.Name+"/"+rp.Services[j].Name]; ok {
				size[i] += e.FilesRead
				known[i] = true
			}
		}
		if known[i] {
			total += size[i]
			count++
		}
	}
	for i := range plan {
		if !known[i] && count > 0 {
			size[i] = total / count
		}
	}
	order := make([]int, len(plan))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return size[b] - size[a] })
	return order
}

func countServices(plan []RepoPlan) int {
	n := 0
	for _, rp := range plan {
		n += len(rp.Services)
	}
	return n
}

// WritePlan prints the plan for --dry-run: what would be fetched and
// distilled, and where the outputs would go. URLs are redacted.
func WritePlan(w io.Writer, plan []RepoPlan, m *manifest.Manifest, outDir string) {
	fmt.Fprintf(w, "%d repositories, %d services; outputs in %s\n", len(plan), countServices(plan), outDir)
	for _, rp := range plan {
		ref := rp.Repo.Ref
		if ref == "" {
			ref = "HEAD"
		}
		fmt.Fprintf(w, "repo %s  %s @ %s (depth %d, timeout %s)\n", rp.Repo.Name, redact.URL(rp.Repo.URL), ref, rp.Repo.Depth, rp.Repo.Timeout)
		for _, s := range rp.Services {
			var extra []string
			if s.Language != "" {
				extra = append(extra, "language "+s.Language)
			}
			if s.Group != "" {
				extra = append(extra, "group "+s.Group)
			}
			line := fmt.Sprintf("  service %s  path %s -> %s", s.Name, s.Path, specRel(rp.Repo.Name, s.Name))
			if len(extra) > 0 {
				line += "  (" + strings.Join(extra, ", ") + ")"
			}
			fmt.Fprintln(w, line)
		}
	}
	for _, g := range m.Groups {
		fmt.Fprintf(w, "group %s  quorum %s -> shared/%s.allium, reports/%s.md\n", g.Name, g.Quorum, g.Name, g.Name)
	}
}
