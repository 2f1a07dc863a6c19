package main

import (
	"context"
	"fmt"
	"path/filepath"
	"time"

	"github.com/forerunner-project/forerunner/internal/corpus"
)

// scalePoint is the per-document cost at one size.
type scalePoint struct {
	entities   int // listed enterprises = listed standards = models
	docs       int
	bytes      int           // mean document size
	a, b       time.Duration // wall
	aCPU, bCPU time.Duration
}

// docsAt spreads the scaling budget (documents × entities) over a size, with
// at least 3 documents and at most -n.
func (c config) docsAt(entities int) int {
	return max(3, min(c.docs, c.scaleBudget/max(entities, 1)))
}

// runScaling measures a and b per document for each size, 1 worker each.
func runScaling(ctx context.Context, e *env, rep *figures) error {
	pipe, err := e.pipeline(ctx)
	if err != nil {
		return err
	}
	for _, n := range e.cfg.scales {
		g := corpus.Generator{Size: corpus.Scaled(n)}
		docs, err := writeCorpus(filepath.Join(e.tmp, fmt.Sprintf("scale-%d", n)), g, e.cfg.seed, e.cfg.docsAt(n))
		if err != nil {
			return err
		}
		point, err := measureScale(ctx, pipe, e, n, docs)
		if err != nil {
			return err
		}
		logf("  %d entities: %d docs, a %v/doc (CPU %v), b %v/doc (CPU %v)", n, point.docs, point.a, point.aCPU, point.b, point.bCPU)
		rep.scaling = append(rep.scaling, point)
	}
	return nil
}

func measureScale(ctx context.Context, pipe *pipeline, e *env, n int, docs []document) (scalePoint, error) {
	fl, err := newFloor(ctx, e.policies, docs)
	if err != nil {
		return scalePoint{}, err
	}
	p := scalePoint{entities: n, docs: len(docs)}
	for _, d := range docs {
		p.bytes += len(d.raw) / len(docs)
	}
	for round := range e.cfg.rounds() + 1 { // round 0 warms up on a few documents
		docs, fl := docs, fl
		if round == 0 {
			docs, fl = docs[:min(3, len(docs))], fl.sub(3)
		}
		a, _, err := pipe.run(ctx, docs, 1, nil)
		if err != nil {
			return p, err
		}
		b, err := fl.run(ctx, 1)
		if err != nil {
			return p, err
		}
		if round == 0 {
			continue
		}
		n := time.Duration(len(docs))
		p.a, p.aCPU = best(round, p.a, a.wall/n), best(round, p.aCPU, a.cpu/n)
		p.b, p.bCPU = best(round, p.b, b.wall/n), best(round, p.bCPU, b.cpu/n)
	}
	return p, nil
}

// best keeps the smaller figure from the first measured round on.
func best(round int, kept, next time.Duration) time.Duration {
	if round == 1 {
		return next
	}
	return min(kept, next)
}

// growthLimit is the most a per-document time may grow for 10× the entities
// and still count as linear (10× plus a margin for noise).
const growthLimit = 12.5

// worstGrowth returns the largest per-document time growth per 10× entities
// between successive scaling points, normalised to a factor of 10.
func worstGrowth(points []scalePoint, pick func(scalePoint) time.Duration) (float64, string) {
	worst, where := 0.0, ""
	for i := 1; i < len(points); i++ {
		prev, cur := points[i-1], points[i]
		if prev.entities == 0 || pick(prev) == 0 {
			continue
		}
		growth := float64(pick(cur)) / float64(pick(prev)) * 10 * float64(prev.entities) / float64(cur.entities)
		if growth > worst {
			worst, where = growth, fmt.Sprintf("%d→%d", prev.entities, cur.entities)
		}
	}
	return worst, where
}
