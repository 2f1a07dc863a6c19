package main

import (
	"github.com/spf13/cobra"
)

func newCompletionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "completion bash|zsh|fish|powershell",
		Short: "Print a shell completion script / 输出命令行补全脚本",
		Long: "输出指定 shell 的补全脚本，例如：source <(forerunner completion bash)\n" +
			"Prints the completion script of a shell, e.g.: source <(forerunner completion bash)",
		Args:      argsBetween(1, 1, "completion bash|zsh|fish|powershell"),
		ValidArgs: []string{"bash", "zsh", "fish", "powershell"},
		RunE: func(cmd *cobra.Command, args []string) error {
			root, out := cmd.Root(), cmd.OutOrStdout()
			switch args[0] {
			case "bash":
				return root.GenBashCompletionV2(out, true)
			case "zsh":
				return root.GenZshCompletion(out)
			case "fish":
				return root.GenFishCompletion(out, true)
			case "powershell":
				return root.GenPowerShellCompletionWithDesc(out)
			}
			return usagef("未知 shell %q（可用 bash|zsh|fish|powershell）", "unknown shell %q (use bash|zsh|fish|powershell)", args[0])
		},
	}
}
