package evidence

import (
	"encoding/json"
	"math/big"
	"strconv"
	"strings"
)

// maxIntegerDigits bounds the integers an integral number is rewritten to:
// 1e99999 is integral too, and must not become 100,000 digits. Larger values
// keep their text; the schema's maxima refuse them where integers belong.
const maxIntegerDigits = 21

// canonicalNumber writes an integral number given with a fraction or an
// exponent (3.0, 3e0, 30e-1, -0.0) as the plain integer it is, so that the
// schema, which counts 3.0 as an integer, and the policy, which formats it,
// see the same value. Other numbers keep their text unchanged.
func canonicalNumber(text string) json.Number {
	if !strings.ContainsAny(text, ".eE") && text != "-0" {
		return json.Number(text)
	}
	if !smallExponent(text) {
		return json.Number(text)
	}
	r, ok := new(big.Rat).SetString(text)
	if !ok || !r.IsInt() {
		return json.Number(text)
	}
	integer := r.Num().String()
	if len(integer) > maxIntegerDigits {
		return json.Number(text)
	}
	return json.Number(integer)
}

// smallExponent reports whether the number's decimal exponent and length are
// small enough for an exact rational to be cheap (big.Rat would build
// 10^99999 for 1e99999).
func smallExponent(text string) bool {
	if len(text) > 64 {
		return false
	}
	i := strings.IndexAny(text, "eE")
	if i < 0 {
		return true
	}
	exp, err := strconv.Atoi(text[i+1:])
	return err == nil && exp >= -64 && exp <= 64
}
