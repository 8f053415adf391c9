package pipeline

import (
	"fmt"
	"io"
	"log/slog"
	"sync"

	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"
)

// Progress receives a run's events. On a terminal the CLI shows bars; in
// cron it relies on the log lines instead (see logService).
type Progress interface {
	Start(repos, services int)
	RepoDone(repo string, err error)
	ServiceDone(res ServiceResult)
	Finish()
}

type noProgress struct{}

func (noProgress) Start(int, int)            {}
func (noProgress) RepoDone(string, error)    {}
func (noProgress) ServiceDone(ServiceResult) {}
func (noProgress) Finish()                   {}

// Bars draws two progress bars (repositories fetched, services distilled)
// with counts and an ETA on w, which should be a terminal.
type Bars struct {
	w        io.Writer
	mu       sync.Mutex
	p        *mpb.Progress
	repos    *mpb.Bar
	services *mpb.Bar
	failed   int
}

// NewBars returns a Progress that draws on w.
func NewBars(w io.Writer) *Bars { return &Bars{w: w} }

// Start implements Progress.
func (b *Bars) Start(repos, services int) {
	b.p = mpb.New(mpb.WithOutput(b.w), mpb.WithWidth(40))
	b.repos = b.p.AddBar(int64(repos),
		mpb.PrependDecorators(decor.Name("repos    ", decor.WCSyncSpaceR), decor.CountersNoUnit("%d/%d")),
		mpb.AppendDecorators(decor.Percentage()))
	b.services = b.p.AddBar(int64(services),
		mpb.PrependDecorators(decor.Name("services ", decor.WCSyncSpaceR), decor.CountersNoUnit("%d/%d")),
		mpb.AppendDecorators(
			decor.Any(func(decor.Statistics) string {
				b.mu.Lock()
				defer b.mu.Unlock()
				if b.failed == 0 {
					return ""
				}
				return fmt.Sprintf("%d failed ", b.failed)
			}),
			decor.OnComplete(decor.EwmaETA(decor.ET_STYLE_GO, 30), "done"),
		))
}

// RepoDone implements Progress.
func (b *Bars) RepoDone(string, error) { b.repos.Increment() }

// ServiceDone implements Progress.
func (b *Bars) ServiceDone(res ServiceResult) {
	if res.Status == StatusFailed {
		b.mu.Lock()
		b.failed++
		b.mu.Unlock()
	}
	b.services.EwmaIncrement(res.Fetch + res.Distill)
}

// Finish implements Progress.
func (b *Bars) Finish() {
	// Bars of a cancelled run never complete; abort them so Wait returns.
	b.repos.Abort(false)
	b.services.Abort(false)
	b.p.Wait()
}

// logService writes one log line per finished service.
func logService(l *slog.Logger, s ServiceResult) {
	attrs := []any{"repo", s.Repo, "service", s.Service, "status", s.Status,
		"files", s.FilesRead, "skipped", len(s.Skipped), "rules", s.Rules, "entities", s.Entities,
		"ms", (s.Fetch + s.Distill).Milliseconds()}
	if s.Status == StatusFailed {
		l.Warn("service failed", append(attrs, "error", trimError(s.Error))...)
		return
	}
	l.Info("service done", attrs...)
}
