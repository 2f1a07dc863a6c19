package main

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"
)

// addOutFlag adds --out: write the output to a new file instead of stdout.
func addOutFlag(cmd *cobra.Command, out *string) {
	cmd.Flags().StringVar(out, "out", "",
		"write the output to FILE (never overwritten) instead of standard output / 输出写入文件（不覆盖已有文件）")
}

// output is where a command's output goes: standard output, or a file
// written beside its final name and put there only when the command ends
// without a hard error, so an existing file is never replaced and a failed
// run leaves no half-written one.
type output struct {
	io.Writer
	tmp  *os.File
	path string
}

// openOut opens --out (or standard output, which a binary format must not
// be when it is a terminal).
func openOut(cmd *cobra.Command, path string, binary bool) (*output, error) {
	if path == "" {
		if err := refuseTerminal(cmd.OutOrStdout(), binary); err != nil {
			return nil, err
		}
		return &output{Writer: cmd.OutOrStdout()}, nil
	}
	if _, err := os.Lstat(path); err == nil {
		return nil, usagef("%s 已存在，未覆盖", "%s already exists; not overwritten", path)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return nil, err
	}
	if err := tmp.Chmod(0o644); err != nil { // as any other file the user writes
		tmp.Close()
		os.Remove(tmp.Name())
		return nil, err
	}
	return &output{Writer: tmp, tmp: tmp, path: path}, nil
}

// finish puts the file in place unless the run failed outright; a run with
// some inputs not scored (exit 1) still writes what it scored, and impact
// finding a change (exit 4) writes it.
func (o *output) finish(runErr error) error {
	if o.tmp == nil {
		return runErr
	}
	closeErr := o.tmp.Close()
	if runErr != nil && !errors.Is(runErr, errNotAllScored) && !errors.Is(runErr, errChanged) || closeErr != nil {
		os.Remove(o.tmp.Name())
		return errors.Join(runErr, closeErr)
	}
	if err := os.Link(o.tmp.Name(), o.path); err != nil { // Link, not Rename: never replaces
		os.Remove(o.tmp.Name())
		if errors.Is(err, fs.ErrExist) {
			return usagef("%s 已存在，未覆盖", "%s already exists; not overwritten", o.path)
		}
		return err
	}
	os.Remove(o.tmp.Name())
	return runErr
}
