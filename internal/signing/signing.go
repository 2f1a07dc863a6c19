// Package signing signs bundles (policy build) and verifies their signatures
// (--verification-key everywhere a bundle is read). The algorithm comes from
// the key itself — RSA, ECDSA P-256/P-384/P-521 or Ed25519, in PKCS#1,
// PKCS#8, SEC1 or PKIX PEM — or from an explicit algorithm named as upstream
// OPA's --signing-alg names it. Signatures are OPA's own .signatures.json, so
// stock OPA verifies what forerunner signs and the other way round.
package signing

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/forerunner-project/forerunner/internal/i18n"
	"github.com/open-policy-agent/opa/v1/bundle"
)

// Algorithms are the names an explicit algorithm may take: upstream OPA's
// --signing-alg names for public-key signatures.
var Algorithms = []string{"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"}

// DefaultKeyID is the key id written into a signature, and the one a
// verification key is registered under, when none is given.
const DefaultKeyID = "default"

// Key is a PEM key with the algorithm it signs or verifies with.
type Key struct {
	PEM       string
	Algorithm string
}

// Error is a key or signature problem, in both languages.
type Error struct {
	Msg i18n.Text
	Err error
}

func (e *Error) Error() string {
	if e.Err != nil {
		return e.Msg.EN + ": " + e.Err.Error()
	}
	return e.Msg.EN
}

// Text is the message in both languages, with OPA's own detail (English).
func (e *Error) Text() i18n.Text {
	if e.Err == nil {
		return e.Msg
	}
	return i18n.T(e.Msg.ZH+"："+e.Err.Error(), e.Msg.EN+": "+e.Err.Error())
}

func (e *Error) Unwrap() error { return e.Err }

func errorf(err error, zh, en string, args ...any) *Error {
	return &Error{Msg: i18n.Tf(zh, en, args...), Err: err}
}

// PrivateKey reads a private key (the PEM text, or a file holding it) and
// settles its algorithm: alg when given (it must fit the key), else the
// key's own.
func PrivateKey(keyOrPath, alg string) (Key, error) {
	text, block, err := readPEM(keyOrPath, i18n.T("签名私钥", "signing key"))
	if err != nil {
		return Key{}, err
	}
	key, err := parsePrivate(block)
	if err != nil {
		return Key{}, errorf(err, "签名私钥 %s 无法解析（支持 PKCS#1、PKCS#8、SEC1 PEM）",
			"signing key %s cannot be parsed (PKCS#1, PKCS#8 and SEC1 PEM are supported)", describe(keyOrPath))
	}
	signer, ok := key.(crypto.Signer)
	if !ok {
		return Key{}, errorf(nil, "不支持的签名私钥类型 %T", "unsupported signing key type %T", key)
	}
	alg, err = settle(signer.Public(), alg)
	return Key{PEM: text, Algorithm: alg}, err
}

// PublicKey reads a verification key (the PEM text, or a file holding it:
// PKIX, PKCS#1 or a certificate) and settles its algorithm as PrivateKey does.
func PublicKey(keyOrPath, alg string) (Key, error) {
	text, block, err := readPEM(keyOrPath, i18n.T("验证公钥", "verification key"))
	if err != nil {
		return Key{}, err
	}
	key, err := parsePublic(block)
	if err != nil {
		return Key{}, errorf(err, "验证公钥 %s 无法解析（支持 PKIX、PKCS#1 PEM 或证书）",
			"verification key %s cannot be parsed (PKIX, PKCS#1 PEM or a certificate)", describe(keyOrPath))
	}
	alg, err = settle(key, alg)
	return Key{PEM: text, Algorithm: alg}, err
}

// readPEM reads the first PEM block of the text or of the file it names;
// what names the key in messages.
func readPEM(keyOrPath string, what i18n.Text) (string, *pem.Block, error) {
	text := keyOrPath
	if !strings.Contains(keyOrPath, "-----BEGIN") {
		data, err := os.ReadFile(keyOrPath)
		if err != nil {
			return "", nil, &Error{Err: err, Msg: i18n.T(
				fmt.Sprintf("无法读取%s %s", what.ZH, keyOrPath), fmt.Sprintf("cannot read the %s %s", what.EN, keyOrPath))}
		}
		text = string(data)
	}
	block, _ := pem.Decode([]byte(text))
	if block == nil {
		return "", nil, &Error{Msg: i18n.T(fmt.Sprintf("%s %s 不是 PEM 格式", what.ZH, describe(keyOrPath)),
			fmt.Sprintf("the %s %s is not PEM", what.EN, describe(keyOrPath)))}
	}
	return string(pem.EncodeToMemory(block)), block, nil
}

// describe names a key given inline without printing it.
func describe(keyOrPath string) string {
	if strings.Contains(keyOrPath, "-----BEGIN") {
		return "(PEM)"
	}
	return keyOrPath
}

func parsePrivate(block *pem.Block) (any, error) {
	switch block.Type {
	case "RSA PRIVATE KEY":
		return x509.ParsePKCS1PrivateKey(block.Bytes)
	case "EC PRIVATE KEY":
		return x509.ParseECPrivateKey(block.Bytes)
	}
	return x509.ParsePKCS8PrivateKey(block.Bytes)
}

func parsePublic(block *pem.Block) (any, error) {
	switch block.Type {
	case "RSA PUBLIC KEY":
		return x509.ParsePKCS1PublicKey(block.Bytes)
	case "CERTIFICATE":
		cert, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			return nil, err
		}
		return cert.PublicKey, nil
	}
	return x509.ParsePKIXPublicKey(block.Bytes)
}

var curveAlgorithms = map[string]string{"P-256": "ES256", "P-384": "ES384", "P-521": "ES512"}

// settle returns alg when it fits the public key, else the key's own
// algorithm when alg is empty.
func settle(public any, alg string) (string, error) {
	own, fits, err := ownAlgorithm(public)
	switch {
	case err != nil:
		return "", err
	case alg == "":
		return own, nil
	case !slices.Contains(Algorithms, alg):
		return "", errorf(nil, "未知签名算法 %q（可用 %s）", "unknown signing algorithm %q (use %s)", alg, strings.Join(Algorithms, "|"))
	case !fits(alg):
		return "", errorf(nil, "签名算法 %s 与密钥不符（该密钥用 %s）", "signing algorithm %s does not fit the key (it signs with %s)", alg, own)
	}
	return alg, nil
}

// ownAlgorithm names the default algorithm of a public key and tells which
// algorithms fit it.
func ownAlgorithm(public any) (string, func(string) bool, error) {
	switch k := public.(type) {
	case *rsa.PublicKey:
		return "RS256", func(a string) bool { return strings.HasPrefix(a, "RS") || strings.HasPrefix(a, "PS") }, nil
	case *ecdsa.PublicKey:
		if alg, ok := curveAlgorithms[k.Curve.Params().Name]; ok {
			return alg, func(a string) bool { return a == alg }, nil
		}
		return "", nil, errorf(nil, "不支持的椭圆曲线 %s", "unsupported elliptic curve %s", k.Curve.Params().Name)
	case ed25519.PublicKey:
		return "EdDSA", func(a string) bool { return a == "EdDSA" }, nil
	}
	return "", nil, errorf(nil, "不支持的密钥类型 %T（可用 RSA、ECDSA、Ed25519）", "unsupported key type %T (use RSA, ECDSA or Ed25519)", public)
}

// SigningConfig is OPA's signing configuration for k.
func SigningConfig(k Key) *bundle.SigningConfig {
	return bundle.NewSigningConfig(k.PEM, k.Algorithm, "")
}

// VerificationConfig is OPA's verification configuration for k. With a key
// id, the signature must name that id; without one, any id it names is
// verified with k.
func VerificationConfig(k Key, keyID string) *bundle.VerificationConfig {
	if keyID == "" {
		keys := map[string]*bundle.KeyConfig{DefaultKeyID: {Key: k.PEM, Algorithm: k.Algorithm}}
		return bundle.NewVerificationConfig(keys, DefaultKeyID, "", nil)
	}
	keys := map[string]*bundle.KeyConfig{keyID: {Key: k.PEM, Algorithm: k.Algorithm}}
	return bundle.NewVerificationConfig(keys, "", "", nil)
}
