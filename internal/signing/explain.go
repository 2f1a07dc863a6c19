package signing

import (
	"regexp"
	"strings"
)

// Patterns of OPA's verification errors, to say in the user's language what
// was found: which file changed, was added or removed, or which key id the
// signature names.
var (
	changedFile    = regexp.MustCompile(`(\S+): digest mismatch`)
	addedFile      = regexp.MustCompile(`file (\S+) not included in bundle signature`)
	removedFiles   = regexp.MustCompile(`file\(s\) (\[.*?\]) specified in signature but not found`)
	unknownKeyID   = regexp.MustCompile(`verification key corresponding to ID (\S+) not found`)
	badSignature   = "failed to verify JWT signature"
	missingSigFile = "missing .signatures.json"
)

// Explain turns the error of reading bundle source with verification on
// into what happened, naming the file or key id concerned; ok is false when
// err is not about the signature (a file that does not parse, say).
func Explain(source string, err error) (explained *Error, ok bool) {
	if e := explain(source, err); e != nil {
		return e, true
	}
	msg := err.Error()
	if strings.Contains(msg, "signature") || strings.Contains(msg, "verif") {
		return errorf(err, "策略包 %s 签名校验失败，已拒绝加载", "bundle %s failed signature verification; refused", source), true
	}
	return nil, false
}

func explain(source string, err error) *Error {
	msg := err.Error()
	if m := changedFile.FindStringSubmatch(msg); m != nil {
		return errorf(err, "策略包 %s 签名校验失败：文件 %s 在签名后被修改，已拒绝加载",
			"bundle %s failed signature verification: file %s changed after signing; refused", source, clean(m[1]))
	}
	if m := addedFile.FindStringSubmatch(msg); m != nil {
		return errorf(err, "策略包 %s 签名校验失败：文件 %s 不在签名中（签名后添加），已拒绝加载",
			"bundle %s failed signature verification: file %s is not covered by the signature (added after signing); refused", source, clean(m[1]))
	}
	if m := removedFiles.FindStringSubmatch(msg); m != nil {
		return errorf(err, "策略包 %s 签名校验失败：签名中的文件 %s 已不在策略包中，已拒绝加载",
			"bundle %s failed signature verification: signed file(s) %s are missing from the bundle; refused", source, m[1])
	}
	if m := unknownKeyID.FindStringSubmatch(msg); m != nil {
		return errorf(err, "策略包 %s 的签名使用密钥编号 %s，与 --key-id 不符，已拒绝加载",
			"bundle %s is signed with key id %s, not the one given by --key-id; refused", source, m[1])
	}
	switch {
	case strings.Contains(msg, missingSigFile):
		return errorf(err, "策略包 %s 未签名（缺少 .signatures.json），已拒绝加载",
			"bundle %s is not signed (no .signatures.json); refused", source)
	case strings.Contains(msg, badSignature):
		return errorf(err, "策略包 %s 的签名与验证公钥不符（密钥或算法不对），已拒绝加载",
			"bundle %s has a signature the verification key does not verify (wrong key or algorithm); refused", source)
	}
	return nil
}

func clean(path string) string { return strings.TrimPrefix(path, "/") }
