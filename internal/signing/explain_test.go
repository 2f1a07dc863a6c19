package signing

import (
	"errors"
	"strings"
	"testing"
)

// OPA's verification errors become messages naming what changed.
func TestExplainNamesTheFileOrKeyID(t *testing.T) {
	for opaErr, want := range map[string]string{
		"/forerunner/v1/levels.rego: digest mismatch (want: 25, got: 6f)":         "file forerunner/v1/levels.rego changed after signing",
		"file /extra.rego not included in bundle signature":                       "file extra.rego is not covered by the signature",
		"file(s) [/data.json] specified in signature but not found in the target": "signed file(s) [/data.json] are missing",
		"verification key corresponding to ID forerunner not found":               "signed with key id forerunner",
		"bundle x: missing .signatures.json":                                      "is not signed",
		"failed to verify JWT signature: invalid EdDSA signature":                 "the verification key does not verify",
		"some other signature trouble":                                            "failed signature verification",
	} {
		e, ok := Explain("b.tar.gz", errors.New(opaErr))
		if !ok || !strings.Contains(e.Msg.EN, want) || e.Msg.ZH == "" {
			t.Errorf("%q: got %+v (%v), want %q", opaErr, e, ok, want)
		}
	}
	if _, ok := Explain("b", errors.New("1 error occurred: x.rego:3: rego_parse_error")); ok {
		t.Error("a parse error is not a signature problem")
	}
}
