package pipeline

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/distill/distill/internal/atomicfile"
	"github.com/distill/distill/internal/source"
	"github.com/distill/distill/internal/summary"
)

// stateFile records, per service, the inputs its current spec was made
// from. It lives in the output directory so that the outputs and the
// knowledge of what produced them can never disagree.
const stateFile = ".distill/state.json"

// stateVersion 2 added the coverage counters: a state of version 1 lacks
// them, so its services are distilled again.
const stateVersion = 2

type state struct {
	Version  int                   `json:"version"`
	Services map[string]stateEntry `json:"services"`
	// Outputs lists every file of the generation (slash paths relative to
	// the output directory): what the next run may replace or remove.
	// Anything else in the directory is not distill's and stays.
	Outputs []string `json:"outputs,omitempty"`
	// found is whether the state was read from disk.
	found bool
}

type stateEntry struct {
	InputKey     string   `json:"input_key"`
	Commit       string   `json:"commit,omitempty"`
	Language     string   `json:"language,omitempty"`
	SpecDigest   string   `json:"spec_digest"`
	FilesRead    int      `json:"files_read"`
	Skipped      []string `json:"skipped,omitempty"`
	ParseErrors  int      `json:"parse_errors"`
	Untranslated int      `json:"untranslated"`
	Entities     int      `json:"entities"`
	Rules        int      `json:"rules"`
	ConfigParams int      `json:"config_params"`
	Coverage     Coverage `json:"coverage"`
	// GoodAt is when a run last read this commit successfully: the "last
	// good" time shown when a later fetch fails.
	GoodAt time.Time `json:"good_at,omitzero"`
}

// loadState reads the previous run's state; a missing or unreadable file
// means a cold run, never an error.
func loadState(outDir string) *state {
	st := &state{Version: stateVersion, Services: map[string]stateEntry{}}
	b, err := os.ReadFile(filepath.Join(outDir, stateFile))
	if err != nil {
		return st
	}
	var prev state
	if json.Unmarshal(b, &prev) != nil || prev.Version != stateVersion || prev.Services == nil {
		return st
	}
	prev.found = true
	return &prev
}

// saveState records the inputs of every service that has a spec in the
// new generation, and the generation's files. A stale service keeps its
// previous entry (the spec is the previous one); a service outside an
// --only selection keeps its entry too: its spec stays, so must the
// knowledge of what made it, or the next full run would distil it again
// for nothing.
func (r *runner) saveState(owned map[string]bool) error {
	st := state{Version: stateVersion, Services: map[string]stateEntry{}, Outputs: sortedSet(owned)}
	for _, mb := range r.members() {
		s := mb.res
		switch {
		case mb.kept != nil && mb.kept.entry != nil:
			st.Services[s.ID()] = *mb.kept.entry
		case mb.kept != nil:
			if e, ok := r.prev.Services[s.ID()]; ok && s.SpecPath != "" {
				st.Services[s.ID()] = e
			}
		case s.Status == StatusStale && s.kept != nil:
			st.Services[s.ID()] = *s.kept
		case s.Status == StatusFailed || s.inputKey == "":
		default:
			st.Services[s.ID()] = stateEntry{
				InputKey: s.inputKey, Commit: s.Commit, Language: s.Language, SpecDigest: s.SpecDigest,
				FilesRead: s.FilesRead, Skipped: s.Skipped, ParseErrors: s.ParseErrors,
				Untranslated: s.Untranslated, Entities: s.Entities, Rules: s.Rules, ConfigParams: s.ConfigParams,
				Coverage: s.Coverage, GoodAt: r.started.Truncate(time.Millisecond),
			}
		}
	}
	b, err := json.MarshalIndent(st, "", "  ")
	if err != nil {
		return fmt.Errorf("state: %w", err)
	}
	return atomicfile.WriteFile(filepath.Join(r.stage, stateFile), append(b, '\n'), 0o644)
}

// previousOutputs is the set of files the previous generation owns. A
// state written before the list existed is read generously but exactly:
// the specs it records, the shared specs and reports of the groups its
// run.json names, the tables and the run record.
func previousOutputs(out string, prev *state) map[string]bool {
	owned := map[string]bool{}
	if prev.Outputs != nil {
		for _, rel := range prev.Outputs {
			owned[rel] = true
		}
		return owned
	}
	if !prev.found {
		return owned
	}
	for id := range prev.Services {
		repo, svc, _ := strings.Cut(id, "/")
		owned[specRel(repo, svc)] = true
	}
	var rec struct {
		Groups []string `json:"groups"`
	}
	if b, err := os.ReadFile(filepath.Join(out, "run.json")); err == nil && json.Unmarshal(b, &rec) == nil {
		for _, g := range rec.Groups {
			owned["shared/"+g+".allium"] = true
			owned["reports/"+g+".md"] = true
		}
	}
	for _, f := range []string{summary.ConstructsFile, summary.ServicesFile, summary.ComparisonsFile, "run.json", stateFile} {
		owned[f] = true
	}
	return owned
}

// previousFinish is when the run that wrote out finished; zero when unknown.
func previousFinish(out string) time.Time {
	var rec struct {
		Finished time.Time `json:"finished"`
	}
	b, err := os.ReadFile(filepath.Join(out, "run.json"))
	if err != nil || json.Unmarshal(b, &rec) != nil {
		return time.Time{}
	}
	return rec.Finished
}

// lastGood returns the previous state entry of a service whose spec is
// still in the output directory, intact: what a failed fetch can keep.
func (r *runner) lastGood(rp *RepoPlan, sp *ServicePlan) (stateEntry, bool) {
	prev, ok := r.prev.Services[rp.Repo.Name+"/"+sp.Name]
	if !ok {
		return stateEntry{}, false
	}
	b, err := os.ReadFile(filepath.Join(r.out, filepath.FromSlash(specRel(rp.Repo.Name, sp.Name))))
	return prev, err == nil && digestBytes(b) == prev.SpecDigest
}

// inputKey digests everything a service's spec depends on: the code's
// version (commit, or content digest for a plain directory), where the
// service is and which files it takes, the tool and the pattern catalog.
func (r *runner) inputKey(rp *RepoPlan, sp *ServicePlan, version string) string {
	catalogDigest := ""
	if r.cfg.Catalog != nil {
		catalogDigest = r.cfg.Catalog.Digest()
	}
	parts := []string{
		"tool=" + r.cfg.ToolVersion,
		"catalog=" + catalogDigest,
		"version=" + version,
		"path=" + sp.Path,
		"language=" + sp.Language,
		"include=" + strings.Join(rp.Repo.Include, ","),
		"exclude=" + strings.Join(rp.Repo.Exclude, ",") + ";" + strings.Join(sp.Exclude, ","),
		"max=" + itoa64(rp.Repo.MaxFileSize),
		"provenance=" + boolString(r.cfg.Provenance),
	}
	return digestBytes([]byte(strings.Join(parts, "\n")))
}

// reusable reports whether the previous spec of a service was made from the
// same inputs and is still on disk, intact.
func (r *runner) reusable(rp *RepoPlan, sp *ServicePlan, key string) bool {
	prev, ok := r.prev.Services[rp.Repo.Name+"/"+sp.Name]
	if !ok || prev.InputKey != key {
		return false
	}
	b, err := os.ReadFile(filepath.Join(r.out, filepath.FromSlash(specRel(rp.Repo.Name, sp.Name))))
	return err == nil && digestBytes(b) == prev.SpecDigest
}

func (r *runner) unchangedResult(rp *RepoPlan, sp *ServicePlan, commit, key string, started time.Time) ServiceResult {
	prev := r.prev.Services[rp.Repo.Name+"/"+sp.Name]
	res := r.baseResult(rp, sp, commit, started)
	res.Status = StatusUnchanged
	res.inputKey = key
	res.Language = prev.Language
	res.SpecPath = specRel(rp.Repo.Name, sp.Name)
	res.SpecDigest = prev.SpecDigest
	res.FilesRead, res.Skipped = prev.FilesRead, prev.Skipped
	res.ParseErrors, res.Untranslated = prev.ParseErrors, prev.Untranslated
	res.Entities, res.Rules, res.ConfigParams = prev.Entities, prev.Rules, prev.ConfigParams
	res.Coverage = prev.Coverage
	res.Fetch = r.cfg.Now().Sub(started)
	return res
}

func digestBytes(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// digestFiles digests a service's selected files (paths and contents),
// which arrive sorted by path.
func digestFiles(files []source.File) string {
	h := sha256.New()
	for _, f := range files {
		h.Write([]byte(f.Path))
		h.Write([]byte{0})
		h.Write([]byte(itoa64(int64(len(f.Data)))))
		h.Write([]byte{0})
		h.Write(f.Data)
	}
	return hex.EncodeToString(h.Sum(nil))
}

func itoa64(n int64) string {
	return strconv.FormatInt(n, 10)
}

func boolString(b bool) string {
	if b {
		return "true"
	}
	return "false"
}
