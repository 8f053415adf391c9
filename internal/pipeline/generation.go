package pipeline

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/distill/distill/internal/flock"
)

// A run never writes into the output directory it reads from. It builds the
// next generation in a staging directory beside it (".<out>.distill-next-*",
// same parent, so same file system), then swaps the two directory entries
// in one step (atomicfile.Exchange). A reader of the output directory sees
// the previous run or the new one, never a mix; a run killed at any point
// leaves one whole generation in place (the previous one, or the new one
// once the swap is done) and, at worst, a staging directory that the next
// run removes.
//
// What the new generation holds:
//   - the files this run wrote (specs, shared specs, reports, tables,
//     run.json, state);
//   - the previous generation's files it keeps (unchanged specs, the last
//     good spec of a repository that failed to fetch, everything outside an
//     --only selection), hard-linked rather than copied;
//   - every file of the output directory that the previous run did not
//     record as its own (a user's notes, a report they saved there):
//     hard-linked too, so they survive untouched.
//
// Files the previous run recorded as its own and this run does not keep
// are thereby removed; nothing else ever is.

// ErrForeignOut is returned when the output directory holds files distill
// did not write and the caller did not allow writing there.
var ErrForeignOut = errors.New("output directory holds files distill did not write")

const (
	lockName     = ".distill.lock"
	metaDir      = ".distill"
	stageInfix   = ".distill-next-"
	maxListNames = 5
)

// tmpName matches the temporary files of atomicfile and summary
// (".<name>.tmp-<digits>"), which a killed process can leave behind.
var tmpName = regexp.MustCompile(`^\..+\.tmp-[0-9]+$`)

// prepareOut makes the output directory usable: it resolves it to an
// absolute path without symlinks (the swap must replace the directory, not
// a link to it), creates it when missing and refuses a non-empty directory
// that distill did not create unless force is set.
func prepareOut(dir string, force bool) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("output directory %s: %w", dir, err)
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	info, err := os.Stat(abs)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if err := os.MkdirAll(filepath.Join(abs, metaDir), 0o755); err != nil {
			return "", fmt.Errorf("output directory: %w", err)
		}
		return abs, nil
	case err != nil:
		return "", fmt.Errorf("output directory: %w", err)
	case !info.IsDir():
		return "", fmt.Errorf("%w: --out %s is a file, not a directory", ErrForeignOut, dir)
	}
	if parent := filepath.Dir(abs); parent == abs {
		return "", fmt.Errorf("%w: --out %s is the file system root", ErrForeignOut, dir)
	}
	entries, err := os.ReadDir(abs)
	if err != nil {
		return "", fmt.Errorf("output directory: %w", err)
	}
	ours := false
	var foreign []string
	for _, e := range entries {
		switch {
		case e.Name() == metaDir && e.IsDir():
			ours = true
		case e.Name() == lockName:
		default:
			name := e.Name()
			if e.IsDir() {
				name += "/"
			}
			foreign = append(foreign, name)
		}
	}
	if !ours && len(foreign) > 0 && !force {
		shown := foreign
		if len(shown) > maxListNames {
			shown = append(append([]string(nil), shown[:maxListNames]...), fmt.Sprintf("and %d more", len(foreign)-maxListNames))
		}
		return "", fmt.Errorf("%w: %s holds %s; distill replaces the outputs it wrote there and would mix them with yours: "+
			"use an empty or new directory, or pass --force-out to write there and leave every other file as it is",
			ErrForeignOut, dir, strings.Join(shown, ", "))
	}
	if err := os.MkdirAll(filepath.Join(abs, metaDir), 0o755); err != nil {
		return "", fmt.Errorf("output directory: %w", err)
	}
	return abs, nil
}

// lockOut takes the output directory's lock.
func lockOut(out string) (func(), error) {
	path := filepath.Join(out, lockName)
	unlock, err := flock.TryLock(path)
	if errors.Is(err, flock.ErrLocked) {
		if holder := flock.Holder(path); holder != "" {
			return nil, fmt.Errorf("%w: %s (held by process %s); wait for it to finish or use another --out", ErrBusy, out, holder)
		}
		return nil, fmt.Errorf("%w: %s; wait for it to finish or use another --out", ErrBusy, out)
	}
	return unlock, err
}

// stageDir creates the staging directory for the next generation beside
// out, with out's permissions.
func stageDir(out string) (string, error) {
	parent, base := filepath.Split(out)
	stage, err := os.MkdirTemp(parent, "."+base+stageInfix+"*")
	if err != nil {
		return "", fmt.Errorf("staging directory: %w", err)
	}
	if info, err := os.Stat(out); err == nil {
		_ = os.Chmod(stage, info.Mode().Perm())
	}
	return stage, nil
}

// cleanLeftovers removes what a killed run can leave: staging directories
// beside out and temporary files inside it (an earlier version wrote in
// place). The caller holds out's lock, so no live run owns them.
func cleanLeftovers(out string, owned map[string]bool) []string {
	var removed []string
	parent, base := filepath.Split(out)
	if entries, err := os.ReadDir(parent); err == nil {
		prefix := "." + base + stageInfix
		for _, e := range entries {
			if e.IsDir() && strings.HasPrefix(e.Name(), prefix) {
				if os.RemoveAll(filepath.Join(parent, e.Name())) == nil {
					removed = append(removed, e.Name())
				}
			}
		}
	}
	// Temporary files sit beside the file they were to replace: in a
	// directory that holds (or held) distill's own outputs.
	dirs := map[string]bool{".": true, metaDir: true}
	for rel := range owned {
		for d := filepath.ToSlash(filepath.Dir(rel)); d != "."; d = filepath.ToSlash(filepath.Dir(d)) {
			dirs[d] = true
		}
	}
	for _, d := range []string{"specs", "shared", "reports"} {
		dirs[d] = true
		if entries, err := os.ReadDir(filepath.Join(out, d)); err == nil {
			for _, e := range entries {
				if e.IsDir() {
					dirs[d+"/"+e.Name()] = true
				}
			}
		}
	}
	for d := range dirs {
		entries, err := os.ReadDir(filepath.Join(out, filepath.FromSlash(d)))
		if err != nil {
			continue
		}
		for _, e := range entries {
			if e.Type().IsRegular() && tmpName.MatchString(e.Name()) {
				if os.Remove(filepath.Join(out, filepath.FromSlash(d), e.Name())) == nil {
					removed = append(removed, d+"/"+e.Name())
				}
			}
		}
	}
	sort.Strings(removed)
	return removed
}

// linkFile puts the file at src also at dst (creating dst's directory): a
// hard link, or a copy where the file system has none.
func linkFile(src, dst string) error {
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return fmt.Errorf("keep %s: %w", src, err)
	}
	if err := os.Link(src, dst); err == nil {
		return nil
	}
	in, err := os.Open(src)
	if err != nil {
		return fmt.Errorf("keep %s: %w", src, err)
	}
	defer in.Close()
	info, err := in.Stat()
	if err != nil {
		return fmt.Errorf("keep %s: %w", src, err)
	}
	outF, err := os.OpenFile(dst, os.O_CREATE|os.O_EXCL|os.O_WRONLY, info.Mode().Perm())
	if err != nil {
		return fmt.Errorf("keep %s: %w", src, err)
	}
	if _, err := io.Copy(outF, in); err != nil {
		outF.Close()
		return fmt.Errorf("keep %s: %w", src, err)
	}
	if err := outF.Close(); err != nil {
		return fmt.Errorf("keep %s: %w", src, err)
	}
	return nil
}

// carryForeign replicates into stage every entry of out that the previous
// generation did not own and this run did not write: files are hard-linked,
// symlinks recreated, directories made with their permissions.
func carryForeign(out, stage string, owned map[string]bool) error {
	ownedDirs := map[string]bool{}
	for rel := range owned {
		for d := filepath.ToSlash(filepath.Dir(rel)); d != "." && d != "/"; d = filepath.ToSlash(filepath.Dir(d)) {
			ownedDirs[d] = true
		}
	}
	return filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("keep other files of %s: %w", out, err)
		}
		rel, _ := filepath.Rel(out, p)
		rel = filepath.ToSlash(rel)
		switch {
		case rel == ".":
			return nil
		case rel == lockName:
			return nil
		case rel == metaDir:
			return fs.SkipDir
		case owned[rel]:
			return nil
		}
		dst := filepath.Join(stage, filepath.FromSlash(rel))
		if _, err := os.Lstat(dst); err == nil {
			if d.IsDir() {
				return nil // a directory this run writes into too
			}
			return nil // this run wrote a file of the same name: its own output
		}
		info, err := d.Info()
		if err != nil {
			return fmt.Errorf("keep %s: %w", p, err)
		}
		switch {
		case d.IsDir():
			if ownedDirs[rel] {
				return nil // created on demand when it holds a kept file
			}
			if err := os.MkdirAll(dst, 0o755); err != nil {
				return fmt.Errorf("keep %s: %w", p, err)
			}
			return os.Chmod(dst, info.Mode().Perm())
		case info.Mode()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return fmt.Errorf("keep %s: %w", p, err)
			}
			if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
				return fmt.Errorf("keep %s: %w", p, err)
			}
			return os.Symlink(target, dst)
		default:
			return linkFile(p, dst)
		}
	})
}

// rescueForeign moves into out the files of old (the previous generation,
// after the swap) that are not distill's and that out lacks: files saved
// into the directory between carryForeign and the swap.
func rescueForeign(old, out string, owned map[string]bool) error {
	return filepath.WalkDir(old, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(old, p)
		rel = filepath.ToSlash(rel)
		switch {
		case rel == "." || rel == lockName || owned[rel]:
			return nil
		case rel == metaDir:
			return fs.SkipDir
		case d.IsDir():
			return nil
		}
		dst := filepath.Join(out, filepath.FromSlash(rel))
		if _, err := os.Lstat(dst); err == nil {
			return nil
		}
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return fmt.Errorf("carry over %s: %w", rel, err)
		}
		if err := os.Rename(p, dst); err != nil {
			return fmt.Errorf("carry over %s: %w", rel, err)
		}
		return nil
	})
}

// publishInPlace is the switch where the file system cannot exchange two
// directories (another OS, or --out is a mount point): the new files are
// renamed into out one by one, then the previous run's files that the new
// one does not hold are removed. No other file is touched, but a reader
// may see a mix while it runs.
func publishInPlace(out, stage string, prevOwned, newOwned map[string]bool) error {
	for _, rel := range sortedSet(newOwned) {
		dst := filepath.Join(out, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return fmt.Errorf("publish %s: %w", rel, err)
		}
		if err := os.Rename(filepath.Join(stage, filepath.FromSlash(rel)), dst); err != nil {
			return fmt.Errorf("publish %s: %w", rel, err)
		}
	}
	for _, rel := range sortedSet(prevOwned) {
		if newOwned[rel] {
			continue
		}
		_ = os.Remove(filepath.Join(out, filepath.FromSlash(rel)))
		// The directories that held it go when empty (fails harmlessly
		// when not).
		for d := filepath.Dir(rel); d != "." && d != "/"; d = filepath.Dir(d) {
			if os.Remove(filepath.Join(out, d)) != nil {
				break
			}
		}
	}
	return os.RemoveAll(stage)
}

func sortedSet(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// treeFiles lists the regular files under root (relative, slash paths).
func treeFiles(root string) (map[string]bool, error) {
	out := map[string]bool{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			rel, _ := filepath.Rel(root, p)
			out[filepath.ToSlash(rel)] = true
		}
		return nil
	})
	return out, err
}
