// Package i18n holds the two languages every user-visible text is written in,
// and the choice of one of them for a run.
package i18n

import (
	"fmt"
	"os"
	"strings"
)

// Lang is a user language: zh or en.
type Lang string

const (
	ZH Lang = "zh"
	EN Lang = "en"
)

// Text is one message in both languages. Its JSON form ({"zh":…,"en":…}) is the
// one the result document uses.
type Text struct {
	ZH string `json:"zh" yaml:"zh"`
	EN string `json:"en" yaml:"en"`
}

// T builds a Text.
func T(zh, en string) Text { return Text{ZH: zh, EN: en} }

// Tf builds a Text from two format strings sharing the same arguments; an
// argument that is itself a Text is put in each language as that language.
func Tf(zh, en string, args ...any) Text {
	return Text{ZH: fmt.Sprintf(zh, inLang(args, ZH)...), EN: fmt.Sprintf(en, inLang(args, EN)...)}
}

// inLang replaces the Text arguments by their text in lang.
func inLang(args []any, lang Lang) []any {
	out := make([]any, len(args))
	for i, a := range args {
		if t, ok := a.(Text); ok {
			a = t.In(lang)
		}
		out[i] = a
	}
	return out
}

// In returns the text in lang, falling back to the other language when empty.
func (t Text) In(lang Lang) string {
	if lang == ZH && t.ZH != "" || t.EN == "" {
		return t.ZH
	}
	return t.EN
}

// Parse accepts "zh" or "en" (any case, region suffix allowed: zh_CN, en-US).
func Parse(s string) (Lang, error) {
	switch l := strings.ToLower(s); {
	case strings.HasPrefix(l, "zh"):
		return ZH, nil
	case strings.HasPrefix(l, "en"):
		return EN, nil
	}
	return "", fmt.Errorf("unknown language %q (use zh or en) / 未知语言 %q（请用 zh 或 en）", s, s)
}

// FromEnv picks the language from LC_ALL, then LC_MESSAGES, then LANG:
// zh when the first one set starts with "zh", else en.
func FromEnv() Lang {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := os.Getenv(name); v != "" {
			if strings.HasPrefix(strings.ToLower(v), "zh") {
				return ZH
			}
			return EN
		}
	}
	return EN
}

// Choose returns the flag's language when given, else the environment's.
func Choose(flag string) (Lang, error) {
	if flag == "" {
		return FromEnv(), nil
	}
	return Parse(flag)
}
