package main

import "github.com/spf13/cobra"

// commands is the one list of forerunner's commands. To add a command:
// write newXCmd() in its own file (flags through the helpers of flags.go,
// errors of the kinds exitcodes.go maps) and list it here.
func commands() []*cobra.Command {
	return []*cobra.Command{
		newEvalCmd(),
		newExplainCmd(),
		newImpactCmd(),
		newValidateCmd(),
		newSchemaCmd(),
		newInitCmd(),
		newConvertCmd(),
		newPolicyCmd(),
		newVersionCmd(),
		newCompletionCmd(),
	}
}

// policyCommands are the subcommands of `forerunner policy`.
func policyCommands() []*cobra.Command {
	return []*cobra.Command{
		newPolicyTestCmd(),
		newPolicyCheckCmd(),
		newPolicyInspectCmd(),
		newPolicyBuildCmd(),
		newPolicyExportCmd(),
	}
}
