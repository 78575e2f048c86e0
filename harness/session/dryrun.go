package session

import (
	"context"
	"errors"

	"github.com/docconform/docconform/harness"
	"github.com/docconform/docconform/harness/config"
	"github.com/docconform/docconform/harness/extract"
	"github.com/docconform/docconform/harness/replay"
)

// dryRun reads every page and plans every example the run includes; nothing is sent.
func dryRun(ctx context.Context, cfg config.Config, src Source, s prepared, out Outcome, note func(string)) (Outcome, error) {
	fd := startFeed(ctx, src, s.extract, nil, &s.opts)
	var pages []harness.Page
	for p := range fd.all {
		pages = append(pages, p)
	}
	fd.wait()
	out.Read = fd.read
	var pe *extract.PathError
	switch {
	case errors.As(fd.err, &pe):
		return out, &InputError{Err: pe}
	case fd.err != nil:
		return out, fd.err
	case ctx.Err() != nil:
		return out, ctx.Err()
	}
	fd.notes(note)
	s.opts.Target.Base, s.opts.Target.Mock = s.base, s.mock // (against the mock: paths alone)
	vars := replay.MapVars(cfg.Variables)
	for _, p := range pages {
		for _, e := range s.opts.Examples(p) {
			c := replay.Plan(e, p.Version, vars, s.opts.Target)
			pl := Planned{Example: e, Case: c, Skip: c.Skip}
			if ov, ok := s.opts.Overrides[e.ID]; ok && ov.Skip != "" {
				pl.Skip = "skipped by the configuration: " + ov.Skip
			}
			out.Planned = append(out.Planned, pl)
		}
	}
	return out, nil
}
