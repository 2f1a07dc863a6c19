package main

import (
	"github.com/forerunner-project/forerunner/internal/engine"
	"github.com/spf13/cobra"
)

func newExplainCmd() *cobra.Command {
	var flags evalFlags
	cmd := &cobra.Command{
		Use: "explain FILE ITEM",
		Example: "  forerunner explain testdata/evidence/valid/example.yaml 2.6\n" +
			"  forerunner explain --lang zh -o json evidence.yaml 2.3",
		Short: "Explain one clause's score in depth / 深入说明一个条款的得分",
		Long: "说明一个条款（如 2.6 或 2.3）或否决项（如 V2）：条文、分档、读取的证据值及其位置、决定档位的理由、依据的解释、规则的文件与行号。\n" +
			"Explains one clause (e.g. 2.6 or 2.3) or veto (e.g. V2): its text, tiers, the evidence values it read and where,\n" +
			"what decided the tier, the interpretations it used, and the rule's file:line.\n" +
			"Same as: forerunner eval FILE --item ITEM",
		Args: argsBetween(2, 2, "explain FILE ITEM"),
		RunE: func(cmd *cobra.Command, args []string) error {
			flags.item = args[1]
			return runEval(cmd, args[:1], flags)
		},
	}
	addBundleFlags(cmd, &flags.bundle, true)
	addNoCheckFlag(cmd, &flags.bundle.noCheck)
	addOutputFlag(cmd, &flags.output, true)
	cmd.Flags().DurationVar(&flags.timeout, "timeout", engine.DefaultTimeout, "time limit of the evaluation / 评分时限")
	flags.workers = 1
	return cmd
}
