package pipeline

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"

	"github.com/distill/distill/internal/summary"
)

// keptService is a service outside an --only selection: its row, spec and
// construct rows stay as the previous run wrote them. When a group it
// belongs to is compared again, its construct rows are made again from the
// kept spec (their in_shared flags follow the new shared spec).
type keptService struct {
	res        ServiceResult
	row        summary.ServiceRow
	constructs []summary.ConstructRow
	// stream, for a service merged from a shard output, is where its
	// construct rows are read when the table is written, instead of
	// constructs: a merge holds no shard's rows in memory.
	stream     *constructStream
	regenerate bool
	// entry is the state entry its spec was made from, when it comes
	// from elsewhere than the previous generation (a shard output).
	entry *stateEntry
}

// loadKept reads, for an --only run, the previous generation's rows of the
// services outside the selection and keeps their specs. A service the
// previous run did not have stays absent.
func (r *runner) loadKept() error {
	if len(r.cfg.Only) == 0 {
		return nil
	}
	prevRows, err := readPrevious[summary.ServiceRow](filepath.Join(r.out, summary.ServicesFile))
	if err != nil {
		return err
	}
	prevConstructs, err := readPrevious[summary.ConstructRow](filepath.Join(r.out, summary.ConstructsFile))
	if err != nil {
		return err
	}
	prevComparisons, err := readPrevious[summary.ComparisonRow](filepath.Join(r.out, summary.ComparisonsFile))
	if err != nil {
		return err
	}
	byService := map[string][]summary.ConstructRow{}
	for _, c := range prevConstructs {
		id := c.Repo + "/" + c.Service
		byService[id] = append(byService[id], c)
	}
	r.keptComparisons = map[string][]summary.ComparisonRow{}
	for _, c := range prevComparisons {
		r.keptComparisons[c.Group] = append(r.keptComparisons[c.Group], c)
	}
	rowByID := map[string]summary.ServiceRow{}
	for _, row := range prevRows {
		rowByID[row.Repo+"/"+row.Service] = row
	}
	for _, repo := range r.cfg.Manifest.Repos {
		for _, svc := range repo.Services {
			if selected(r.cfg.Only, repo.Name, svc.Name) {
				continue
			}
			row, ok := rowByID[repo.Name+"/"+svc.Name]
			if !ok {
				continue
			}
			k := r.keptFrom(r.out, row, byService[repo.Name+"/"+svc.Name], svc.Group)
			r.kept = append(r.kept, k)
		}
	}
	return nil
}

// keptFrom makes a kept service of a row of the generation in dir (the
// previous one, or a shard output) and puts its spec into the new one.
func (r *runner) keptFrom(dir string, row summary.ServiceRow, constructs []summary.ConstructRow, group string) keptService {
	k := keptService{row: row, constructs: constructs}
	k.res = ServiceResult{
		Repo: row.Repo, Service: row.Service, Group: group, URL: row.URL, Commit: row.Commit,
		Language: row.Language, Status: row.Status, Started: row.StartedAt,
		FilesRead: int(row.FilesRead), ParseErrors: int(row.ParseErrors), Untranslated: int(row.Untranslated),
		Entities: int(row.Entities), Rules: int(row.Rules), ConfigParams: int(row.ConfigParams),
		Constructs: int(row.Constructs),
	}
	if row.Error != nil {
		k.res.Error = *row.Error
	}
	if row.LastGoodCommit != nil {
		k.res.LastGoodCommit = *row.LastGoodCommit
	}
	if row.LastGoodAt != nil {
		k.res.LastGoodAt = *row.LastGoodAt
	}
	if row.SpecPath != nil {
		src := filepath.Join(dir, filepath.FromSlash(*row.SpecPath))
		if err := linkFile(src, filepath.Join(r.stage, filepath.FromSlash(*row.SpecPath))); err != nil {
			// Someone removed it: the row must not name a spec the
			// generation does not hold.
			r.cfg.Logger.Warn("a kept service's spec is gone; run it again to restore it",
				"repo", row.Repo, "service", row.Service, "err", err)
			msg := oneLine("kept as it was, but its spec is gone: " + err.Error())
			k.row.Status, k.row.Error, k.row.SpecPath, k.row.SpecDigest = StatusFailed, &msg, nil, nil
			k.row.LastGoodCommit, k.row.LastGoodAt, k.row.Constructs = nil, nil, 0
			k.constructs = nil
			k.res.Status, k.res.Error = StatusFailed, msg
		} else {
			k.res.SpecPath = *row.SpecPath
		}
	}
	return k
}

// readPrevious reads a table of the previous generation; a missing table
// is empty.
func readPrevious[T any](path string) ([]T, error) {
	rows, err := summary.ReadAll[T](path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("previous outputs (an --only run keeps them): %w", err)
	}
	return rows, nil
}
