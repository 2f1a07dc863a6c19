package corpus

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
)

// Generator makes documents of one Size with targets drawn from Mix.
type Generator struct {
	Size Size
	Mix  Mix // nil means DefaultMix
	// NoticeDays, when > 0, notifies every change of a listed standard this
	// many days after it occurred, instead of the mix's 0–2 days (the
	// late-notice corpora of the benchmark; 40 days is late, 1 in time).
	// The documents are otherwise the same as with 0.
	NoticeDays int
}

// Generate returns the document of seed with the default mix of targets.
func Generate(seed int64, size Size) *Document {
	doc, _ := Generator{Size: size}.Document(seed)
	return doc
}

// Document returns the document of seed and the plan it was built to.
func (g Generator) Document(seed int64) (*Document, Plan) {
	rng := rand.New(rand.NewPCG(uint64(seed), 0x5eedf0e2))
	mix := g.Mix
	if mix == nil {
		mix = DefaultMix
	}
	return g.ForTarget(seed, mix.pick(rng))
}

// ForTarget returns the document of seed built for target.
func (g Generator) ForTarget(seed int64, target Target) (*Document, Plan) {
	rng := rand.New(rand.NewPCG(uint64(seed), uint64(len(target))<<32|uint64(target[1])))
	size := g.Size.normalized()
	b := &builder{rng: rng, size: size, plan: plan(rng, size, target), noticeDays: g.NoticeDays}
	return b.build(int(seed)), b.plan
}

// Seed returns the seed of document i of a corpus seeded with seed, so that
// document i is the same whatever the corpus length.
func Seed(seed int64, i int) int64 {
	x := uint64(seed) + uint64(i)*0x9e3779b97f4a7c15 // splitmix64
	x = (x ^ x>>30) * 0xbf58476d1ce4e5b9
	x = (x ^ x>>27) * 0x94d049bb133111eb
	return int64((x ^ x>>31) >> 1)
}

// Each calls fn with documents 0..n-1 of the corpus seed, one at a time; it
// stops at fn's first error.
func (g Generator) Each(seed int64, n int, fn func(i int, doc *Document, p Plan) error) error {
	for i := range n {
		doc, p := g.Document(Seed(seed, i))
		if err := fn(i, doc, p); err != nil {
			return err
		}
	}
	return nil
}

// WriteJSONLines streams n documents to w, one compact JSON object per line,
// holding one document in memory at a time.
func (g Generator) WriteJSONLines(w io.Writer, seed int64, n int) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	err := g.Each(seed, n, func(_ int, doc *Document, _ Plan) error {
		raw, err := doc.JSON()
		if err != nil {
			return err
		}
		bw.Write(raw)
		return bw.WriteByte('\n')
	})
	if err != nil {
		return err
	}
	return bw.Flush()
}

// FileName is the name of document i in a directory corpus.
func FileName(i int) string { return fmt.Sprintf("doc-%06d.json", i) }

// WriteDir writes n documents as dir/doc-000000.json … (JSON is also YAML)
// and returns their paths in order.
func (g Generator) WriteDir(dir string, seed int64, n int) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	paths := make([]string, 0, n)
	err := g.Each(seed, n, func(i int, doc *Document, _ Plan) error {
		raw, err := doc.JSON()
		if err != nil {
			return err
		}
		path := filepath.Join(dir, FileName(i))
		paths = append(paths, path)
		return os.WriteFile(path, append(raw, '\n'), 0o644)
	})
	return paths, err
}
