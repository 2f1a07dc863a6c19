package engine

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func miniInput(a int, extra map[string]any) map[string]any {
	in := map[string]any{
		"agency": map[string]any{"id": "AG-1", "name": "n"},
		"cycle":  map[string]any{"year": json.Number("2024"), "start": "2024-01-01", "end": "2024-12-31"},
		"basic":  map[string]any{"a": json.Number(itoa(a))},
		"skew":   json.Number("0"),
		"fail":   false,
	}
	for k, v := range extra {
		in[k] = v
	}
	return in
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

func loadMini(t *testing.T, dir string) *Engine {
	t.Helper()
	e, err := Load(context.Background(), LoadOptions{Path: dir}, Options{})
	if err != nil {
		t.Fatalf("load %s: %v", dir, err)
	}
	return e
}

func TestEvalDirectoryBundle(t *testing.T) {
	e := loadMini(t, "testdata/mini")
	r, err := e.Eval(context.Background(), miniInput(5, nil), "sha256:abc")
	if err != nil {
		t.Fatal(err)
	}
	if r.Total.Points != 12 || r.Level.Level != 3 || r.Items[1].Tier != "b" {
		t.Fatalf("unexpected result: total %+v level %+v", r.Total, r.Level)
	}
	p := r.Provenance
	if p.BundleRevision != "mini-1" || !strings.HasPrefix(p.BundleDigest, "sha256:") || p.EvidenceDigest != "sha256:abc" {
		t.Fatalf("provenance %+v", p)
	}
	r2, _ := e.Eval(context.Background(), miniInput(2, nil), "")
	if r2.Level.Level != 4 {
		t.Fatalf("total 9 should be level 4, got %d", r2.Level.Level)
	}
}

func TestDecisionErrorsAreNotScored(t *testing.T) {
	e := loadMini(t, "testdata/mini")
	r, err := e.Eval(context.Background(), miniInput(5, map[string]any{"fail": true}), "")
	if err != nil {
		t.Fatal(err)
	}
	if r.Scored() || r.Errors[0].Code != "E-CALENDAR-YEAR" || r.Items != nil || r.Vetoes != nil {
		t.Fatalf("want an unscored result with the error, got %+v", r)
	}
	out, _ := json.Marshal(r)
	for _, absent := range []string{`"items"`, `"total"`, `"level"`, `"vetoes"`} {
		if strings.Contains(string(out), absent) {
			t.Errorf("unscored result JSON contains %s: %s", absent, out)
		}
	}
}

func TestInconsistentResultRefused(t *testing.T) {
	e := loadMini(t, "testdata/mini")
	_, err := e.Eval(context.Background(), miniInput(5, map[string]any{"skew": json.Number("1")}), "")
	var ee *Error
	if !errors.As(err, &ee) || ee.Code != CodeInconsistent {
		t.Fatalf("want %s, got %v", CodeInconsistent, err)
	}
	_, err = e.Eval(context.Background(), miniInput(9, nil), "")
	if !errors.As(err, &ee) || ee.Code != CodeInconsistent || !strings.Contains(ee.Render("en"), "item 1.1 scores 9") {
		t.Fatalf("points above max must be refused, got %v", err)
	}
}

func TestRefusedBuiltinsNamedWithFileLine(t *testing.T) {
	_, err := Load(context.Background(), LoadOptions{Path: "testdata/httpsend"}, Options{})
	var ee *Error
	if !errors.As(err, &ee) || ee.Code != CodeRefusedCall || !ee.IsBundleError() {
		t.Fatalf("want refusal, got %v", err)
	}
	msg := ee.Render("en")
	for _, want := range []string{"forerunner/v1/result.rego:5: calls http.send", "forerunner/v1/result.rego:7: calls time.now_ns"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message lacks %q:\n%s", want, msg)
		}
	}
	if !strings.Contains(ee.Render("zh"), "调用了 http.send") {
		t.Errorf("no Chinese message: %s", ee.Render("zh"))
	}
}

func TestCapabilitiesLeaveOutNondeterministicBuiltins(t *testing.T) {
	kept := map[string]bool{}
	for _, b := range Capabilities().Builtins {
		kept[b.Name] = true
		if b.Nondeterministic && !netOnlyNondeterministic[b.Name] {
			t.Errorf("non-deterministic %s kept", b.Name)
		}
	}
	for _, name := range []string{"http.send", "net.lookup_ip_addr", "time.now_ns", "rand.intn", "uuid.rfc4122", "opa.runtime", "net.cidr_contains"} {
		if kept[name] {
			t.Errorf("%s kept", name)
		}
	}
	for _, name := range []string{"count", "time.add_date", "time.parse_ns", "sprintf", "sum"} {
		if !kept[name] {
			t.Errorf("deterministic %s dropped", name)
		}
	}
}

func TestTarballDigestEqualsDirectoryDigest(t *testing.T) {
	tarball := filepath.Join(t.TempDir(), "mini.tar.gz")
	writeTarball(t, "testdata/mini", tarball)
	dir, err := LoadBundle(LoadOptions{Path: "testdata/mini"})
	if err != nil {
		t.Fatal(err)
	}
	tgz, err := LoadBundle(LoadOptions{Path: tarball})
	if err != nil {
		t.Fatal(err)
	}
	if dir.Digest != tgz.Digest || tgz.Revision() != "mini-1" {
		t.Fatalf("digests differ: %s vs %s", dir.Digest, tgz.Digest)
	}
	changed := copyDir(t, "testdata/mini")
	data := filepath.Join(changed, "forerunner/v1/data.json")
	if err := os.WriteFile(data, []byte(`{"config": {"core_points": 7, "level3": 13}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	other, err := LoadBundle(LoadOptions{Path: changed})
	if err != nil {
		t.Fatal(err)
	}
	if other.Digest == dir.Digest {
		t.Fatal("a changed data.json must change the digest")
	}
}

func TestMissingBundleIsABundleError(t *testing.T) {
	_, err := LoadBundle(LoadOptions{Path: "testdata/none"})
	var ee *Error
	if !errors.As(err, &ee) || !ee.IsBundleError() {
		t.Fatalf("want bundle error, got %v", err)
	}
}

func TestTimeout(t *testing.T) {
	e, err := Load(context.Background(), LoadOptions{Path: "testdata/mini"}, Options{Timeout: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	_, err = e.Eval(context.Background(), miniInput(5, map[string]any{"spin": json.Number("300000")}), "")
	var ee *Error
	if !errors.As(err, &ee) || ee.Code != CodeEvalTimeout {
		t.Fatalf("want timeout, got %v", err)
	}
}

func writeTarball(t *testing.T, dir, out string) {
	t.Helper()
	data, err := tarballOf(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(out, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func copyDir(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

func TestWithoutTestsKeepsTheDigest(t *testing.T) {
	all, err := LoadBundle(LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	lean, err := LoadBundle(LoadOptions{WithoutTests: true})
	if err != nil {
		t.Fatal(err)
	}
	if all.Digest != lean.Digest {
		t.Fatal("leaving tests unparsed must not change the digest")
	}
	if len(Modules(lean, true)) >= len(Modules(all, true)) {
		t.Fatalf("no test module was left out: %d vs %d", len(Modules(lean, true)), len(Modules(all, true)))
	}
}

func TestBundleWithoutDecisionRefused(t *testing.T) {
	dir := copyDir(t, "testdata/mini")
	rego := filepath.Join(dir, "forerunner/v1/result.rego")
	data, err := os.ReadFile(rego)
	if err != nil {
		t.Fatal(err)
	}
	renamed := strings.ReplaceAll(string(data), "result :=", "outcome :=")
	if err := os.WriteFile(rego, []byte(renamed), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = Load(context.Background(), LoadOptions{Path: dir}, Options{})
	var ee *Error
	if !errors.As(err, &ee) || !ee.IsBundleError() || !strings.Contains(ee.Render("en"), "defines no decision rule data.forerunner.v1.result") {
		t.Fatalf("want a bundle error naming the decision, got %v", err)
	}
}
