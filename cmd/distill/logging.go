package main

import (
	"context"
	"io"
	"log/slog"
	"os"

	"github.com/distill/distill/internal/manifest"
	"github.com/distill/distill/internal/redact"
)

// Log events of run and merge, one line each (the record's msg). Their
// names and keys are an interface: schedulers and log pipelines filter on
// them, so they change only with a note in the README.
const (
	eventRunFinished = "run finished"
	eventShardMerged = "shard merged"
	eventShardBad    = "shard not merged"
	eventOutPulled   = "output pulled"
	eventOutPushed   = "output pushed"
)

// newLogger logs one line per event for cron and CI. On a terminal the
// progress bars speak instead and only errors are logged. Every line goes
// through a redacting handler: the values of the credential variables the
// manifest names are hidden wherever they appear, so no code path (an
// error from a transport that echoes a header, a URL a user pasted) can
// print a token into a log that cron mails or a CI run keeps.
func newLogger(w io.Writer, format string, onTerminal bool, secrets []string) *slog.Logger {
	level := slog.LevelInfo
	if onTerminal {
		level = slog.LevelError
	}
	opts := &slog.HandlerOptions{Level: level}
	var h slog.Handler
	if format == "json" {
		h = slog.NewJSONHandler(w, opts)
	} else {
		h = slog.NewTextHandler(w, opts)
	}
	return slog.New(&redactHandler{next: h, secrets: secrets})
}

// manifestSecrets returns the values of the environment variables that the
// manifest's auth sections name: what must never reach a log line.
func manifestSecrets(m *manifest.Manifest, lookupEnv func(string) (string, bool)) []string {
	if lookupEnv == nil {
		lookupEnv = os.LookupEnv
	}
	var out []string
	seen := map[string]bool{}
	for _, r := range m.Repos {
		for _, name := range []string{r.Auth.TokenEnv, r.Auth.SSHKeyEnv} {
			if name == "" || seen[name] {
				continue
			}
			seen[name] = true
			if v, ok := lookupEnv(name); ok && v != "" {
				out = append(out, v)
			}
		}
	}
	return out
}

// redactHandler hides secrets in a record's message and in every string,
// error and stringer value of its attributes, groups included. Attributes
// named "url" also lose any credential a URL carries (redact.URL), even one
// that is not among the known secrets.
type redactHandler struct {
	next    slog.Handler
	secrets []string
}

func (h *redactHandler) Enabled(ctx context.Context, l slog.Level) bool {
	return h.next.Enabled(ctx, l)
}

func (h *redactHandler) Handle(ctx context.Context, r slog.Record) error {
	out := slog.NewRecord(r.Time, r.Level, h.text(r.Message), r.PC)
	r.Attrs(func(a slog.Attr) bool {
		out.AddAttrs(h.attr(a))
		return true
	})
	return h.next.Handle(ctx, out)
}

func (h *redactHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	clean := make([]slog.Attr, len(attrs))
	for i, a := range attrs {
		clean[i] = h.attr(a)
	}
	return &redactHandler{next: h.next.WithAttrs(clean), secrets: h.secrets}
}

func (h *redactHandler) WithGroup(name string) slog.Handler {
	return &redactHandler{next: h.next.WithGroup(name), secrets: h.secrets}
}

func (h *redactHandler) attr(a slog.Attr) slog.Attr {
	v := a.Value.Resolve()
	switch v.Kind() {
	case slog.KindString:
		s := v.String()
		if a.Key == "url" {
			s = redact.URL(s)
		}
		return slog.String(a.Key, h.text(s))
	case slog.KindGroup:
		group := v.Group()
		clean := make([]any, len(group))
		for i, g := range group {
			clean[i] = h.attr(g)
		}
		return slog.Group(a.Key, clean...)
	case slog.KindAny:
		// Errors and stringers would be formatted by the next handler,
		// after redaction: format them here instead.
		switch x := v.Any().(type) {
		case error:
			return slog.String(a.Key, h.text(x.Error()))
		case interface{ String() string }:
			return slog.String(a.Key, h.text(x.String()))
		}
	}
	return slog.Attr{Key: a.Key, Value: v}
}

func (h *redactHandler) text(s string) string {
	if len(h.secrets) == 0 {
		return s
	}
	s, _ = redact.Text(s, h.secrets...)
	return s
}
