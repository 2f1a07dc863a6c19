package main

import (
	"github.com/forerunner-project/forerunner/internal/evidence"
	"github.com/spf13/cobra"
)

func newSchemaCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "schema",
		Short: "Print the evidence JSON Schema / 输出证据文档的 JSON Schema",
		Long: "输出内置的证据文档 JSON Schema（draft 2020-12，版本 1）。\n" +
			"Print the embedded JSON Schema (draft 2020-12) of evidence documents, version 1.",
		Example: "  forerunner schema > evidence.schema.json",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, err := cmd.OutOrStdout().Write(evidence.SchemaJSON())
			return err
		},
	}
}
