package main

import (
	"regexp"
	"strings"

	"github.com/forerunner-project/forerunner/internal/i18n"
)

// cobra and pflag report usage errors (unknown flag or command, a flag
// without its value, a value of the wrong type) in English. usageMessage
// gives each a sentence in the user's language, with the library's text as
// the detail.
var usageErrors = []struct {
	re   *regexp.Regexp
	text func(m []string) i18n.Text
}{
	{regexp.MustCompile(`^unknown flag: (\S+)`), func(m []string) i18n.Text {
		return i18n.Tf("未知参数 %s", "unknown flag %s", m[1])
	}},
	{regexp.MustCompile(`^unknown shorthand flag: '(.)' in (\S+)`), func(m []string) i18n.Text {
		return i18n.Tf("未知短参数 -%s（在 %s 中）", "unknown shorthand flag -%s (in %s)", m[1], m[2])
	}},
	{regexp.MustCompile(`^flag needs an argument: '?([^' ]+)'?`), func(m []string) i18n.Text {
		return i18n.Tf("参数 %s 缺少取值", "flag %s needs a value", flagName(m[1]))
	}},
	{regexp.MustCompile(`^invalid argument "(.*)" for "(.*?)" flag`), func(m []string) i18n.Text {
		return i18n.Tf("参数 %s 的取值 %q 无效", "invalid value %[2]q for flag %[1]s", m[2], m[1])
	}},
	{regexp.MustCompile(`^unknown command "(.*?)" for "(.*?)"`), func(m []string) i18n.Text {
		return i18n.Tf("未知命令 %q（%s --help 列出全部命令）", "unknown command %q (%s --help lists them)", m[1], m[2])
	}},
	{regexp.MustCompile(`^bad flag syntax: (\S+)`), func(m []string) i18n.Text {
		return i18n.Tf("参数写法不对：%s", "bad flag syntax: %s", m[1])
	}},
}

// usageMessage renders a usage error from cobra in the language chosen by
// the command line's --lang or the environment: our sentence, then cobra's
// own text as the detail when it says more.
func usageMessage(err error, args []string) string {
	lang := langOfArgs(args)
	msg := err.Error()
	for _, u := range usageErrors {
		if m := u.re.FindStringSubmatch(msg); m != nil {
			text := u.text(m).In(lang)
			if rest := strings.TrimLeft(msg[len(m[0]):], ": "); lang == i18n.EN {
				if rest == "" { // our sentence already says all of it
					return text
				}
				return text + " (" + rest + ")"
			}
			return text + i18n.Tf("（详情：%s）", " (detail: %s)", msg).In(lang)
		}
	}
	return i18n.Tf("用法错误：%s", "usage error: %s", msg).In(lang)
}

// flagName writes a flag as typed: "o" is "-o", "output" or "--output" is "--output".
func flagName(name string) string {
	switch {
	case strings.HasPrefix(name, "-"):
		return name
	case len(name) == 1:
		return "-" + name
	}
	return "--" + name
}

// langOfArgs reads --lang from raw arguments: a usage error can come before
// cobra has parsed the flags. A missing or unknown value means the environment.
func langOfArgs(args []string) i18n.Lang {
	value := ""
	for i, a := range args {
		if a == "--" {
			break
		}
		if v, ok := strings.CutPrefix(a, "--lang="); ok {
			value = v
		} else if a == "--lang" && i+1 < len(args) {
			value = args[i+1]
		}
	}
	if lang, err := i18n.Parse(value); err == nil && value != "" {
		return lang
	}
	return i18n.FromEnv()
}
