package pipeline

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/distill/distill/internal/atomicfile"
	"github.com/distill/distill/internal/source"
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
	return &prev
}

// saveState records the inputs of every service that has a spec now.
// carry holds the previous entries to keep for services outside this run
// (an --only run): their specs stay on disk, so their state must too, or
// the next full run would distil them again for nothing.
func saveState(outDir string, results []ServiceResult, carry map[string]stateEntry) error {
	st := state{Version: stateVersion, Services: map[string]stateEntry{}}
	for id, e := range carry {
		st.Services[id] = e
	}
	for i := range results {
		s := &results[i]
		if s.Status == StatusFailed || s.inputKey == "" {
			delete(st.Services, s.ID())
			continue
		}
		st.Services[s.ID()] = stateEntry{
			InputKey: s.inputKey, Commit: s.Commit, Language: s.Language, SpecDigest: s.SpecDigest,
			FilesRead: s.FilesRead, Skipped: s.Skipped, ParseErrors: s.ParseErrors,
			Untranslated: s.Untranslated, Entities: s.Entities, Rules: s.Rules, ConfigParams: s.ConfigParams,
			Coverage: s.Coverage,
		}
	}
	b, err := json.MarshalIndent(st, "", "  ")
	if err != nil {
		return err
	}
	return atomicfile.WriteFile(filepath.Join(outDir, stateFile), append(b, '\n'), 0o644)
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
	b, err := os.ReadFile(filepath.Join(r.cfg.OutDir, filepath.FromSlash(specRel(rp.Repo.Name, sp.Name))))
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

// detectedLanguage names the language most of the service's files are in.
func detectedLanguage(files []source.File) string {
	count := map[string]int{}
	for _, f := range files {
		switch strings.ToLower(filepath.Ext(f.Path)) {
		case ".py", ".pyi":
			count["python"]++
		case ".ts", ".tsx", ".js", ".mjs", ".cjs", ".jsx":
			count["typescript"]++
		}
	}
	langs := make([]string, 0, len(count))
	for l := range count {
		langs = append(langs, l)
	}
	sort.Slice(langs, func(i, j int) bool {
		if count[langs[i]] != count[langs[j]] {
			return count[langs[i]] > count[langs[j]]
		}
		return langs[i] < langs[j]
	})
	if len(langs) == 0 {
		return ""
	}
	return langs[0]
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
