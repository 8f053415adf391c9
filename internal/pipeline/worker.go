package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"
	"sync/atomic"
	"time"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/distill"
	"github.com/distill/distill/internal/fetch"
	"github.com/distill/distill/internal/redact"
	"github.com/distill/distill/internal/source"
	"github.com/distill/distill/internal/summary"
)

// serviceJob is one service handed from a clone worker to a distill worker.
type serviceJob struct {
	repo    *RepoPlan
	svc     *ServicePlan
	commit  string
	tree    fs.FS
	started time.Time
	fetch   time.Duration
	// release is called once the service is done with tree; the last
	// service of a repository closes the tree's open pack files.
	release func()
}

// fetchRepo resolves and fetches one repository and queues its services.
// Repository failures become failed results; only cancellation of the run
// is returned as an error.
func (r *runner) fetchRepo(ctx context.Context, rp *RepoPlan, jobs chan<- serviceJob) error {
	started := r.cfg.Now()
	rctx, cancel := context.WithTimeout(ctx, rp.Repo.Timeout)
	defer cancel()
	req := fetch.Request{
		Name:  rp.Repo.Name,
		URL:   rp.Source,
		Ref:   rp.Repo.Ref,
		Depth: rp.Repo.Depth,
		Auth:  r.resolveAuth(rp.Repo.Auth),
	}

	// A cheap ref listing first: when every service's inputs are unchanged
	// at that commit, nothing needs fetching. Without a previous spec for
	// every service the listing could not save the fetch, so skip it.
	if !rp.Repo.IsLocalDir() && r.allHavePrevious(rp) {
		commit, err := r.fetcher.ResolveRemote(rctx, req)
		if err != nil {
			return r.failRepo(ctx, rp, started, err)
		}
		done, err := r.allUnchanged(rp, commit, started)
		if err != nil {
			return err
		}
		if done {
			r.cfg.Progress.RepoDone(rp.Repo.Name, nil)
			return nil
		}
	}
	res, err := r.fetcher.Fetch(rctx, req)
	if err != nil {
		return r.failRepo(ctx, rp, started, err)
	}
	r.cfg.Progress.RepoDone(rp.Repo.Name, nil)
	r.cfg.Logger.Info("repo fetched", "repo", rp.Repo.Name, "commit", res.Commit, "fetched", res.Fetched,
		"ms", time.Since(started).Milliseconds())
	var remaining atomic.Int32
	remaining.Store(int32(len(rp.Services)))
	release := func() {
		if remaining.Add(-1) == 0 {
			if c, ok := res.Tree.(io.Closer); ok {
				_ = c.Close()
			}
		}
	}
	for i := range rp.Services {
		j := serviceJob{repo: rp, svc: &rp.Services[i], commit: res.Commit, tree: res.Tree,
			started: started, fetch: r.cfg.Now().Sub(started), release: release}
		select {
		case jobs <- j:
		case <-ctx.Done():
			// The services not handed over will never release the tree.
			for range len(rp.Services) - i {
				release()
			}
			return ctx.Err()
		}
	}
	return nil
}

// failRepo records the services of a repository that could not be
// fetched, unless the run itself was cancelled. A service whose last good
// spec is still on disk keeps it, marked stale with the error; the others
// fail.
func (r *runner) failRepo(ctx context.Context, rp *RepoPlan, started time.Time, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if errors.Is(err, context.DeadlineExceeded) {
		err = fmt.Errorf("timed out after %s: %w", rp.Repo.Timeout, err)
	}
	if errors.Is(err, fetch.ErrAuth) {
		err = fmt.Errorf("%w; %s", err, authHint(rp))
	}
	r.cfg.Progress.RepoDone(rp.Repo.Name, err)
	r.cfg.Logger.Warn("repo failed", "repo", rp.Repo.Name, "services", len(rp.Services), "error", oneLine(err.Error()),
		"ms", r.cfg.Now().Sub(started).Milliseconds())
	for _, sp := range rp.Services {
		res := r.baseResult(rp, &sp, "", started)
		res.Status = StatusFailed
		res.Error = oneLine("fetch: " + err.Error())
		res.Fetch = r.cfg.Now().Sub(started)
		if prev, ok := r.lastGood(rp, &sp); ok {
			rel := specRel(rp.Repo.Name, sp.Name)
			if err := r.keep(rel); err != nil {
				return err // an unwritable staging directory stops the run
			}
			res.Status = StatusStale
			res.kept = &prev
			res.LastGoodCommit, res.LastGoodAt = prev.Commit, prev.GoodAt
			res.Language = prev.Language
			res.SpecPath, res.SpecDigest = rel, prev.SpecDigest
			res.FilesRead, res.Skipped = prev.FilesRead, prev.Skipped
			res.ParseErrors, res.Untranslated = prev.ParseErrors, prev.Untranslated
			res.Entities, res.Rules, res.ConfigParams = prev.Entities, prev.Rules, prev.ConfigParams
			res.Coverage = prev.Coverage
		}
		r.set(res, sp.Index)
	}
	return nil
}

// authHint says what to do about an authentication failure: which
// variable holds the credential, or that the manifest names none.
func authHint(rp *RepoPlan) string {
	switch {
	case rp.Repo.Auth.TokenEnv != "":
		return fmt.Sprintf("check the token in $%s (auth.token_env of repository %s): it may be wrong, expired or lack read access", rp.Repo.Auth.TokenEnv, rp.Repo.Name)
	case rp.Repo.Auth.SSHKeyEnv != "":
		return fmt.Sprintf("check the key in $%s (auth.ssh_key_env of repository %s)", rp.Repo.Auth.SSHKeyEnv, rp.Repo.Name)
	}
	return fmt.Sprintf("repository %s needs credentials: set auth.token_env (https) or auth.ssh_key_env (ssh) in the manifest to the name of a variable that holds them", rp.Repo.Name)
}

// allHavePrevious reports whether every service of the repository has a
// spec from an earlier run that an unchanged commit could reuse.
func (r *runner) allHavePrevious(rp *RepoPlan) bool {
	for i := range rp.Services {
		if _, ok := r.prev.Services[rp.Repo.Name+"/"+rp.Services[i].Name]; !ok {
			return false
		}
	}
	return true
}

// allUnchanged reports whether every service of the repository can reuse
// its previous spec at commit, and if so records them as unchanged.
func (r *runner) allUnchanged(rp *RepoPlan, commit string, started time.Time) (bool, error) {
	keys := make([]string, len(rp.Services))
	for i := range rp.Services {
		keys[i] = r.inputKey(rp, &rp.Services[i], commit)
		if !r.reusable(rp, &rp.Services[i], keys[i]) {
			return false, nil
		}
	}
	for i := range rp.Services {
		un := r.unchangedResult(rp, &rp.Services[i], commit, keys[i], started)
		if err := r.keep(un.SpecPath); err != nil {
			return false, err
		}
		r.set(un, rp.Services[i].Index)
	}
	return true, nil
}

func (r *runner) baseResult(rp *RepoPlan, sp *ServicePlan, commit string, started time.Time) ServiceResult {
	return ServiceResult{
		Repo: rp.Repo.Name, Service: sp.Name, Group: sp.Group,
		URL: redact.URL(rp.Repo.URL), Commit: commit, Language: sp.Language,
		Started: started.UTC(),
	}
}

// distillService selects a service's files and distils them. Service
// failures become failed results; only cancellation is returned.
func (r *runner) distillService(ctx context.Context, j serviceJob) error {
	defer j.release()
	res := r.baseResult(j.repo, j.svc, j.commit, j.started)
	res.Fetch = j.fetch
	t0 := r.cfg.Now()
	fail := func(stage string, err error) error {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		res.Status = StatusFailed
		res.Error = oneLine(stage + ": " + err.Error())
		res.Distill = r.cfg.Now().Sub(t0)
		r.set(res, j.svc.Index)
		return nil
	}
	sctx, cancel := context.WithTimeout(ctx, j.repo.Repo.Timeout)
	defer cancel()

	set, err := source.Select(sctx, j.tree, source.Options{
		Path:        j.svc.Path,
		Include:     j.repo.Repo.Include,
		Exclude:     append(append([]string(nil), j.repo.Repo.Exclude...), j.svc.Exclude...),
		MaxFileSize: j.repo.Repo.MaxFileSize,
	})
	if err != nil {
		return fail("select files", err)
	}
	res.FilesRead = len(set.Files)
	for _, s := range set.Skipped {
		res.Skipped = append(res.Skipped, s.Path+": "+s.Reason)
	}
	if err := r.checkLanguage(j.svc, set.Files); err != nil {
		return fail("select files", err)
	}
	version := j.commit
	if version == "" { // a plain directory: its content is its version
		version = "content:" + digestFiles(set.Files)
	}
	res.inputKey = r.inputKey(j.repo, j.svc, version)
	if r.reusable(j.repo, j.svc, res.inputKey) {
		un := r.unchangedResult(j.repo, j.svc, j.commit, res.inputKey, j.started)
		un.Fetch, un.Distill = j.fetch, r.cfg.Now().Sub(t0)
		if err := r.keep(un.SpecPath); err != nil {
			return err
		}
		r.set(un, j.svc.Index)
		return nil
	}

	out, err := r.dist.Distill(sctx, distill.Input{Service: j.repo.Repo.Name + "/" + j.svc.Name, Language: j.svc.Language, Files: set.Files, ReleaseData: true})
	if err != nil {
		return fail("distill", err)
	}
	rebaseProvenance(out.Module, j.svc.Path)
	// Everything a row will hold is checked before the spec is written: a
	// construct the tables would refuse fails this service, not the run.
	for _, c := range constructs(out.Module) {
		row := constructRow(&res, c, nil)
		if err := summary.Check(&row); err != nil {
			return fail("rows", err)
		}
	}
	res.SpecPath = specRel(j.repo.Repo.Name, j.svc.Name)
	if res.SpecDigest, err = r.writeSpec(res.SpecPath, out.Module); err != nil {
		return err // an unwritable output directory stops the run
	}
	st := out.Stats
	res.Status = StatusOK
	res.ParseErrors = st.ParseErrors
	res.Untranslated = st.Untranslated
	res.Entities, res.Rules, res.ConfigParams = st.Entities, st.Rules, st.ConfigParams
	res.Coverage = coverageOf(&st)
	if res.Language == "" {
		// Every language the service was read in: "python+typescript"
		// for a Python API with a TypeScript worker.
		res.Language = strings.Join(out.Languages, "+")
	}
	res.Distill = r.cfg.Now().Sub(t0)
	r.set(res, j.svc.Index)
	return nil
}

// checkLanguage fails a service none of whose files is in a language
// distill reads: an empty spec marked "ok" would claim the service has no
// behaviour.
func (r *runner) checkLanguage(sp *ServicePlan, files []source.File) error {
	for _, f := range files {
		if l := r.langs.ForPath(f.Path); l != nil && (sp.Language == "" || l.ID() == sp.Language) {
			return nil
		}
	}
	var names []string
	for _, l := range r.langs.Languages() {
		if sp.Language == "" || l.ID() == sp.Language {
			names = append(names, languageName(l.ID()))
		}
	}
	where := sp.Path
	if where == "" || where == "." {
		where = "the repository root"
	}
	if len(names) == 0 {
		return fmt.Errorf("language %q is not supported; distill reads %s", sp.Language, languageName(r.langs.Languages()[0].ID()))
	}
	var exts []string
	for _, l := range r.langs.Languages() {
		if sp.Language == "" || l.ID() == sp.Language {
			exts = append(exts, l.Extensions()...)
		}
	}
	kind := strings.Join(names, " or ") + " file (" + strings.Join(exts, ", ") + ")"
	if len(files) == 0 {
		return fmt.Errorf("no %s under %s: nothing to distil; check the service's path and its include/exclude globs", kind, where)
	}
	return fmt.Errorf("none of the %d files selected under %s is a %s: nothing to distil; check the service's path and its include/exclude globs",
		len(files), where, kind)
}

// languageName is how a language is named in messages.
func languageName(id string) string {
	switch id {
	case "python":
		return "Python"
	case "typescript":
		return "TypeScript"
	}
	return id
}

// rebaseProvenance makes provenance paths relative to the repository root
// rather than the service directory, so that a reviewer (or a query over
// source_file) can open them straight from a clone of the repository.
func rebaseProvenance(m *allium.Module, servicePath string) {
	if servicePath == "" || servicePath == "." {
		return
	}
	done := map[*allium.Provenance]bool{} // distill may share one Provenance between nodes
	allium.WalkNodes(m, func(n allium.Node) {
		p := n.Info().Prov
		if p == nil || p.File == "" || done[p] {
			return
		}
		done[p] = true
		p.File = path.Join(servicePath, p.File)
	})
}
