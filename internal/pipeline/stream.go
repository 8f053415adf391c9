package pipeline

import (
	"fmt"

	"github.com/distill/distill/internal/manifest"
	"github.com/distill/distill/internal/summary"
)

// constructStream reads one shard output's construct rows while a merge
// writes the merged table. A shard wrote its rows in manifest order, the
// order the merge writes in, so one pass over each shard's table serves
// every service, whatever the shards' interleaving in the manifest.
type constructStream struct {
	rd     *summary.Reader[summary.ConstructRow]
	closed bool
}

// copyService writes the rows of service id to w. Rows of services that
// come before it in the manifest are skipped: the merge does not take them
// from the shard (their rows are made again for a compared group, or the
// service failed). It stops at the first row of a later service, which the
// next call takes.
func (s *constructStream) copyService(w *summary.Writer[summary.ConstructRow], id string, order map[string]int) error {
	pos := order[id]
	for {
		row, ok, err := s.rd.Peek()
		if err != nil {
			return fmt.Errorf("merge construct rows of %s: %w", id, err)
		}
		if !ok {
			return nil
		}
		rid := row.Repo + "/" + row.Service
		if p, known := order[rid]; rid != id && known && p > pos {
			return nil
		}
		if rid == id {
			// Written before the next Peek, which may reuse the batch.
			if err := w.Write(*row); err != nil {
				return err
			}
		}
		s.rd.Skip()
	}
}

// closeStreams closes the readers of a merge's shard outputs; a second
// call does nothing.
func (r *runner) closeStreams() {
	for _, s := range r.streams {
		if !s.closed {
			s.closed = true
			_ = s.rd.Close() // read only: nothing is lost when closing fails
		}
	}
}

// manifestOrder maps every "repo/service" of the manifest to its place.
func manifestOrder(repos []manifest.Repo) map[string]int {
	out := map[string]int{}
	for _, repo := range repos {
		for _, svc := range repo.Services {
			out[repo.Name+"/"+svc.Name] = len(out)
		}
	}
	return out
}
