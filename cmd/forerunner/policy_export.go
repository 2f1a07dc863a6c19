package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/forerunner-project/forerunner/internal/i18n"
	"github.com/forerunner-project/forerunner/policies"
	"github.com/spf13/cobra"
)

func newPolicyExportCmd() *cobra.Command {
	return &cobra.Command{
		Use:     "export DIR",
		Example: "  forerunner policy export my-bundle && forerunner eval --bundle my-bundle evidence.yaml",
		Short:   "Write the embedded bundle out, to edit it / 导出内置策略包以便编辑",
		Long: "把内置策略包写到 DIR（不覆盖已有文件），之后可编辑并用 --bundle DIR 评分。\n" +
			"Writes the embedded bundle to DIR (never overwriting a file); edit it, then score with --bundle DIR.",
		Args: argsBetween(1, 1, "policy export DIR"),
		RunE: func(cmd *cobra.Command, args []string) error {
			n, existing, err := exportBundle(policies.FS, args[0])
			if len(existing) > 0 {
				return usagef("%s：已有 %d 个同名文件（%s），拒绝覆盖；请换一个空目录",
					"%s: refusing to overwrite %d existing files (%s); choose an empty directory",
					args[0], len(existing), abbreviate(existing, 3))
			}
			if err != nil {
				return err
			}
			fmt.Fprintln(cmd.OutOrStdout(), i18n.Tf("已导出 %d 个文件到 %s", "exported %d files to %s", n, args[0]).In(language()))
			return nil
		},
	}
}

// exportBundle copies every file of bundle into dir after checking that
// none of them exists yet, so an edited copy is never overwritten; it returns
// the files written, or the ones that already exist.
func exportBundle(bundle fs.FS, dir string) (int, []string, error) {
	var files []string
	err := fs.WalkDir(bundle, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		return 0, nil, err
	}
	var existing []string
	for _, f := range files {
		if _, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(f))); err == nil {
			existing = append(existing, f)
		}
	}
	if len(existing) > 0 {
		return 0, existing, nil
	}
	for _, f := range files {
		if err := exportFile(bundle, f, filepath.Join(dir, filepath.FromSlash(f))); err != nil {
			return 0, nil, err
		}
	}
	return len(files), nil, nil
}

// abbreviate lists the first n names and how many more there are.
func abbreviate(names []string, n int) string {
	if len(names) <= n {
		return strings.Join(names, ", ")
	}
	return fmt.Sprintf("%s, … +%d", strings.Join(names[:n], ", "), len(names)-n)
}

func exportFile(bundle fs.FS, name, target string) error {
	data, err := fs.ReadFile(bundle, name)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(target, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		_ = f.Close()
		return err
	}
	return f.Close()
}
