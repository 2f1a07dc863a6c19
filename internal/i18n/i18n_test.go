package i18n

import "testing"

func TestFromEnvPrefersLCAll(t *testing.T) {
	t.Setenv("LC_ALL", "zh_CN.UTF-8")
	t.Setenv("LANG", "en_US.UTF-8")
	if got := FromEnv(); got != ZH {
		t.Fatalf("FromEnv() = %q, want zh", got)
	}
}

func TestFromEnvDefaultsToEnglish(t *testing.T) {
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	t.Setenv("LANG", "C.UTF-8")
	if got := FromEnv(); got != EN {
		t.Fatalf("FromEnv() = %q, want en", got)
	}
}

func TestParseRejectsUnknown(t *testing.T) {
	if _, err := Parse("fr"); err == nil {
		t.Fatal("Parse(fr) accepted")
	}
	if l, _ := Parse("ZH-tw"); l != ZH {
		t.Fatalf("Parse(ZH-tw) = %q", l)
	}
}

func TestInFallsBack(t *testing.T) {
	if got := T("", "only en").In(ZH); got != "only en" {
		t.Fatalf("fallback = %q", got)
	}
	if got := T("中文", "en").In(ZH); got != "中文" {
		t.Fatalf("zh = %q", got)
	}
}

func TestTfPutsTextArgumentsInEachLanguage(t *testing.T) {
	got := Tf("应为%s", "expects %s", T("数值", "a number"))
	if got.ZH != "应为数值" || got.EN != "expects a number" {
		t.Fatalf("got %+v", got)
	}
}
