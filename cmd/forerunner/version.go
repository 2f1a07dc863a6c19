package main

import (
	"fmt"
	"runtime"

	"github.com/forerunner-project/forerunner/internal/engine"
	"github.com/forerunner-project/forerunner/internal/i18n"
	"github.com/forerunner-project/forerunner/internal/report"
	"github.com/spf13/cobra"
)

func newVersionCmd() *cobra.Command {
	var bundle bundleFlags
	cmd := &cobra.Command{
		Use:     "version",
		Example: "  forerunner version\n  forerunner version --bundle my-bundle.tar.gz --verification-key public.pem",
		Short:   "Print the engine, OPA and bundle versions / 显示引擎、OPA 与策略包版本",
		Args:    argsBetween(0, 0, "version"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			lang := language()
			b, err := engine.LoadBundle(bundle.loadOptions())
			if err != nil {
				return err
			}
			w := cmd.OutOrStdout()
			line := func(label i18n.Text, value string) { fmt.Fprintf(w, "%s %s\n", report.Pad(label.In(lang), 16), value) }
			line(i18n.T("引擎", "engine"), engine.EngineName())
			line(i18n.T("OPA", "OPA"), engine.OPAVersion())
			line(i18n.T("Go", "Go"), runtime.Version())
			source := b.Source
			if source == engine.EmbeddedSource {
				source = i18n.T("内置", "embedded").In(lang)
			}
			line(i18n.T("策略包", "bundle"), source)
			line(i18n.T("策略包版本", "bundle revision"), b.Revision())
			line(i18n.T("策略包摘要", "bundle digest"), b.Digest)
			return nil
		},
	}
	addBundleFlags(cmd, &bundle, true)
	return cmd
}
