package main

import (
	"os"
	"path/filepath"
)

// outFile is the file named by --out. The output goes to a temporary file
// beside it, renamed over it only when the run completes, so that a failed
// or interrupted run leaves an earlier file as it was and never a half page.
type outFile struct {
	path string
	tmp  *os.File
}

// createOut opens the temporary file for path after checking that path is
// not one of the inputs: the evidence the user gave is never overwritten.
func createOut(path string, inputs []string) (*outFile, error) {
	if info, err := os.Stat(path); err == nil {
		if info.IsDir() {
			return nil, usagef("--out %s 是目录，请给出文件名", "--out %s is a directory; give a file name", path)
		}
		for _, in := range inputs {
			if in == "-" {
				continue
			}
			if inInfo, err := os.Stat(in); err == nil && os.SameFile(info, inInfo) {
				return nil, usagef("--out %s 是输入文件之一，不会覆盖它", "--out %s is one of the inputs; it will not be overwritten", path)
			}
		}
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".*.tmp")
	if err != nil {
		return nil, inputf("无法写入 %s：%v", "cannot write %s: %v", path, err)
	}
	return &outFile{path: path, tmp: tmp}, nil
}

func (o *outFile) Write(p []byte) (int, error) { return o.tmp.Write(p) }

// commit puts the finished output in place, readable as a file the user
// created would be.
func (o *outFile) commit() error {
	err := o.tmp.Close()
	if err == nil {
		err = os.Chmod(o.tmp.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(o.tmp.Name(), o.path)
	}
	if err != nil {
		os.Remove(o.tmp.Name())
		return inputf("无法写入 %s：%v", "cannot write %s: %v", o.path, err)
	}
	return nil
}

// discard drops the unfinished output.
func (o *outFile) discard() {
	o.tmp.Close()
	os.Remove(o.tmp.Name())
}
