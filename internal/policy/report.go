package policy

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/forerunner-project/forerunner/internal/i18n"
)

// WriteFindings prints findings as text lines in lang, or as JSON (both
// languages), followed in text by a count of errors and warnings.
func WriteFindings(w io.Writer, findings []Finding, format string, lang i18n.Lang) error {
	switch format {
	case FormatJSON:
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if findings == nil {
			findings = []Finding{}
		}
		return enc.Encode(findings)
	case FormatText, "":
		return writeFindingsText(w, findings, lang)
	}
	return fmt.Errorf("unknown format %q (text|json) / 未知格式 %q", format, format)
}

func writeFindingsText(w io.Writer, findings []Finding, lang i18n.Lang) error {
	errs, warns, notes := 0, 0, 0
	for _, f := range findings {
		switch f.Severity {
		case SevError:
			errs++
		case SevNote:
			notes++
		default:
			warns++
		}
		at := f.At
		if at != "" {
			at += ": "
		}
		if _, err := fmt.Fprintf(w, "%s %s: %s%s\n", severityLabel(f.Severity, lang), f.Code, at, f.Message.In(lang)); err != nil {
			return err
		}
	}
	count := i18n.Tf("%d 个错误，%d 个警告", "%d error(s), %d warning(s)", errs, warns).In(lang)
	if notes > 0 {
		count += i18n.Tf("，%d 条提示", ", %d note(s)", notes).In(lang)
	}
	_, err := fmt.Fprintln(w, count)
	return err
}

func severityLabel(s Severity, lang i18n.Lang) string {
	switch s {
	case SevError:
		return i18n.T("错误", "ERROR").In(lang)
	case SevNote:
		return i18n.T("提示", "NOTE").In(lang)
	}
	return i18n.T("警告", "WARNING").In(lang)
}
