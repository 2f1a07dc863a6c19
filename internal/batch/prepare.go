package batch

import (
	"context"
	"encoding/json"
	"runtime"
	"sync"

	"github.com/forerunner-project/forerunner/internal/evidence"
)

// Carry evaluates the policy's carried_forward for one valid evidence value.
type Carry func(ctx context.Context, input any) (map[string]any, error)

// Prepared is the outcome of the batch's first pass.
type Prepared struct {
	// Verdicts are the verdicts under each Carry given to Prepare, in order:
	// what a document carries forward is the policy's to say, so two bundles
	// may set different fields on the same input.
	Verdicts []map[int]Verdict
	// Stdin holds the bytes read from standard input ("-"), which cannot be
	// read a second time.
	Stdin map[int][]byte
}

// Prepare plans a batch of several inputs in two short passes. The first
// only parses each input for its agency and cycle year (a few bytes kept per
// input, so memory stays flat); the second loads and validates only the
// documents of an agency with consecutive cycles in the batch, to evaluate
// what the earlier carries forward and read what the later declares. Invalid
// inputs are left to the scoring pass, which reports them; a document whose
// agency and cycle can be read counts for duplicates even when invalid.
// With several carries (one per bundle) every document is read once and the
// verdicts are planned under each.
func Prepare(ctx context.Context, inputs []evidence.Input, workers int, opts evidence.Options, carries ...Carry) (*Prepared, error) {
	p := &Prepared{Verdicts: make([]map[int]Verdict, len(carries)), Stdin: map[int][]byte{}}
	for k := range p.Verdicts {
		p.Verdicts[k] = map[int]Verdict{}
	}
	if len(inputs) < 2 {
		return p, nil
	}
	keys := make([]*Doc, len(inputs))
	var mu sync.Mutex
	err := each(ctx, len(inputs), workers, func(i int) error {
		doc, ok := evidence.ReadInput(inputs[i], opts)
		mu.Lock()
		defer mu.Unlock()
		if inputs[i].Path == "-" && doc.Raw != nil {
			p.Stdin[i] = doc.Raw
		}
		if ok {
			keys[i] = keyOf(i, inputs[i].Path, doc.Value)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	needed := consecutive(keys)
	carried := make(map[int][]summary, len(needed))
	err = each(ctx, len(needed), workers, func(n int) error {
		s, err := p.summarise(ctx, needed[n], inputs[needed[n].Index], opts, carries)
		mu.Lock()
		defer mu.Unlock()
		carried[needed[n].Index] = s
		return err
	})
	if err != nil {
		return nil, err
	}
	for k := range carries {
		var docs []Doc
		for _, d := range keys {
			if d == nil {
				continue
			}
			doc := *d
			if s := carried[d.Index]; s != nil {
				doc.Carried, doc.Input = s[k].carried, s[k].input
			}
			docs = append(docs, doc)
		}
		p.Verdicts[k] = Plan(docs)
	}
	return p, nil
}

// summary is what one document carries forward under one carry, and what
// it declares in those fields.
type summary struct {
	carried, input map[string]any
}

// keyOf reads the agency id and cycle year of a parsed document.
func keyOf(i int, path string, value any) *Doc {
	root, _ := value.(map[string]any)
	agency, _ := root["agency"].(map[string]any)
	cycle, _ := root["cycle"].(map[string]any)
	id, _ := agency["id"].(string)
	year, _ := cycle["year"].(json.Number)
	y, err := year.Int64()
	if id == "" || err != nil {
		return nil
	}
	return &Doc{Index: i, Path: path, Agency: id, Year: int(y)}
}

// consecutive lists the documents that need the second pass: the single
// document of an agency's cycle next to another single one.
func consecutive(keys []*Doc) []*Doc {
	count := map[key]int{}
	for _, d := range keys {
		if d != nil {
			count[key{d.Agency, d.Year}]++
		}
	}
	var needed []*Doc
	for _, d := range keys {
		if d == nil || count[key{d.Agency, d.Year}] != 1 {
			continue
		}
		if count[key{d.Agency, d.Year + 1}] == 1 || count[key{d.Agency, d.Year - 1}] == 1 {
			needed = append(needed, d)
		}
	}
	return needed
}

// summarise loads one document of a consecutive pair and keeps, under each
// carry, what it carries forward and what it declares in those fields. An
// invalid document carries nothing: the scoring pass reports it.
func (p *Prepared) summarise(ctx context.Context, d *Doc, in evidence.Input, opts evidence.Options, carries []Carry) ([]summary, error) {
	var doc *evidence.Document
	var diags evidence.Diagnostics
	if raw, ok := p.Stdin[d.Index]; ok {
		doc, diags = evidence.Load(d.Path, raw, opts)
	} else {
		doc, diags = evidence.LoadInput(in, opts)
	}
	root, ok := doc.Value.(map[string]any)
	if diags.HasErrors() || !ok {
		return nil, nil
	}
	out := make([]summary, len(carries))
	for k, carry := range carries {
		carried, err := carry(ctx, doc.Value)
		if err != nil {
			return nil, ctx.Err() // an evaluation failure is the scoring pass's to report
		}
		out[k] = summary{carried: carried, input: make(map[string]any, len(carried))}
		for field := range carried {
			if v, ok := root[field]; ok {
				out[k].input[field] = v
			}
		}
	}
	return out, nil
}

// each runs f(0..n-1) on workers goroutines, stopping at the first error or
// when ctx ends.
func each(ctx context.Context, n, workers int, f func(int) error) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	jobs := make(chan int)
	errs := make(chan error, workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				if err := f(i); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	var err error
feed:
	for i := 0; i < n; i++ {
		select {
		case jobs <- i:
		case err = <-errs:
			break feed
		case <-ctx.Done():
			err = ctx.Err()
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	if err == nil {
		select {
		case err = <-errs:
		default:
		}
	}
	return err
}
