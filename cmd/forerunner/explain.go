package main

import (
	"github.com/forerunner-project/forerunner/internal/engine"
	"github.com/spf13/cobra"
)

func newExplainCmd() *cobra.Command {
	var flags evalFlags
	cmd := &cobra.Command{
		Use: "explain FILE ITEM | explain --plan FILE|DIR ...",
		Example: "  forerunner explain testdata/evidence/valid/example.yaml 2.6\n" +
			"  forerunner explain --lang zh -o json evidence.yaml 2.3\n" +
			"  forerunner explain --plan testdata/evidence/valid/example.yaml",
		Short: "Explain one clause's score, or the plans to the next level / 深入说明条款得分或升级方案",
		Long: "说明一个条款（如 2.6 或 2.3）或否决项（如 V2）：条文、分档、读取的证据值及其位置、决定档位的理由、依据的解释、规则的文件与行号。\n" +
			"Explains one clause (e.g. 2.6 or 2.3) or veto (e.g. V2): its text, tiers, the evidence values it read and where,\n" +
			"what decided the tier, the interpretations it used, and the rule's file:line.\n" +
			"Same as: forerunner eval FILE --item ITEM\n\n" +
			"--plan：列出升到上一级的全部方案（改进项最少者优先），每项给出现在的得分理由和目标档位的要求，以及方案后的各项条件；\n" +
			"否决项或严重违规存在时先说明；可以时也给出再上一级的方案。\n" +
			"--plan: lists every plan to the next level (fewest items first), each item with why it has its points now and what\n" +
			"the asked tier requires, and the conditions after the plan; vetoes or misconduct are said first; the level after\n" +
			"it too where shown.",
		Args: func(cmd *cobra.Command, args []string) error {
			if flags.plan {
				return argsBetween(1, -1, "explain --plan FILE|DIR ...")(cmd, args)
			}
			return argsBetween(2, 2, "explain FILE ITEM")(cmd, args)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if flags.plan {
				return runEval(cmd, args, flags)
			}
			flags.item = args[1]
			return runEval(cmd, args[:1], flags)
		},
	}
	addBundleFlags(cmd, &flags.bundle, true)
	addNoCheckFlag(cmd, &flags.bundle.noCheck)
	addSetFlag(cmd, &flags.bundle.sets)
	addOutputFlag(cmd, &flags.output, true)
	cmd.Flags().BoolVar(&flags.plan, "plan", false,
		"print every plan to the next level, with reasons / 列出升级的全部方案及理由")
	cmd.Flags().DurationVar(&flags.timeout, "timeout", engine.DefaultTimeout, "time limit of the evaluation / 评分时限")
	flags.workers = 1
	addLoadFlags(cmd, &flags.maxErrors, &flags.maxSize)
	return cmd
}
