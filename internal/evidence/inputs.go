package evidence

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"

	"github.com/forerunner-project/forerunner/internal/i18n"
)

var errIsDirectory = errors.New("is a directory")

// Input is one document to load, as ExpandInputs found it.
type Input struct {
	// Path is the file to read ("-" for standard input).
	Path string
	// Listed is set for a file found by listing a directory: only a regular
	// file is read then, so a FIFO or a device there cannot hang the run.
	Listed bool
	// unlisted is why a directory given as an argument could not be listed;
	// it is reported when the input is loaded, like an unreadable file.
	unlisted error
}

// ExpandInputs turns command-line arguments into the inputs to load: a file
// stands for itself, "-" for standard input, a directory for its *.yaml,
// *.yml and *.json entries and those of a registered decoder such as *.xlsx
// (not recursive), sorted by name. A missing file or
// a directory that cannot be listed is reported when loaded, so the other
// inputs are still scored; a directory without any evidence file is an error.
func ExpandInputs(args []string) ([]Input, error) {
	var out []Input
	for _, arg := range args {
		info, err := os.Stat(arg)
		if arg == "-" || err != nil || !info.IsDir() {
			out = append(out, Input{Path: arg})
			continue
		}
		listed, err := listDirectory(arg)
		switch {
		case err != nil:
			out = append(out, Input{Path: arg, unlisted: err})
		case len(listed) == 0:
			return nil, &EmptyDirError{Dir: arg}
		default:
			out = append(out, listed...)
		}
	}
	return out, nil
}

// EmptyDirError: a directory given as input holds no evidence file.
type EmptyDirError struct{ Dir string }

func (e *EmptyDirError) Error() string { return e.Text().EN }

// Text is the error in both languages.
func (e *EmptyDirError) Text() i18n.Text {
	return i18n.Tf("%s：目录中没有证据文件（*.yaml、*.yml、*.json、*.xlsx）", "%s: no evidence file (*.yaml, *.yml, *.json, *.xlsx)", e.Dir)
}

// Expand is ExpandInputs giving paths only: a path loses Listed, so prefer
// ExpandInputs and LoadInput, which never open a FIFO found in a directory.
func Expand(args []string) ([]string, error) {
	inputs, err := ExpandInputs(args)
	paths := make([]string, len(inputs))
	for i, in := range inputs {
		paths[i] = in.Path
	}
	return paths, err
}

// listDirectory lists dir's evidence entries. Sub-directories are left out
// (the listing is not recursive); every other entry, whatever its kind, is
// returned and checked when loaded.
func listDirectory(dir string) ([]Input, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var inputs []Input
	for _, e := range entries {
		ext := strings.ToLower(filepath.Ext(e.Name()))
		_, decoded := decoderFor(e.Name())
		switch {
		case ext == ".yaml" || ext == ".yml" || ext == ".json" || decoded && !strings.HasPrefix(e.Name(), "~$"): // ~$ is Excel's lock file
			if !e.IsDir() {
				inputs = append(inputs, Input{Path: filepath.Join(dir, e.Name()), Listed: true})
			}
		}
	}
	sort.Slice(inputs, func(i, j int) bool { return inputs[i].Path < inputs[j].Path })
	return inputs, nil
}

// LoadInput reads and loads one input. A listed file is opened without
// blocking and read only when it is a regular file.
func LoadInput(in Input, opts Options) (*Document, Diagnostics) {
	switch {
	case in.unlisted != nil:
		return newDocument(in.Path, nil), Diagnostics{*readDiagnostic(in.Path, in.unlisted)}
	case !in.Listed:
		return LoadFile(in.Path, opts)
	}
	data, diag := readListed(in.Path, opts.maxSize())
	if diag != nil {
		return newDocument(in.Path, nil), Diagnostics{*diag}
	}
	return Load(in.Path, data, opts)
}

func readListed(path string, limit int64) ([]byte, *Diagnostic) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, readDiagnostic(path, err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, readDiagnostic(path, err)
	}
	if !info.Mode().IsRegular() {
		return nil, notRegularDiagnostic(path, info.Mode())
	}
	if info.Size() > limit {
		d := sizeDiagnostic(path, limit)
		return nil, &d
	}
	return readLimited(path, f, limit)
}

func notRegularDiagnostic(path string, mode fs.FileMode) *Diagnostic {
	kind := i18n.T("特殊文件", "a special file")
	switch {
	case mode&fs.ModeNamedPipe != 0:
		kind = i18n.T("命名管道", "a named pipe (FIFO)")
	case mode&fs.ModeSocket != 0:
		kind = i18n.T("套接字", "a socket")
	case mode&fs.ModeDevice != 0 || mode&fs.ModeCharDevice != 0:
		kind = i18n.T("设备文件", "a device")
	case mode.IsDir():
		kind = i18n.T("目录", "a directory")
	}
	return &Diagnostic{Source: path, Code: CodeRead, Severity: SeverityError, Message: i18n.Text{
		ZH: fmt.Sprintf("%s 是%s，不是普通文件，未读取", path, kind.ZH),
		EN: fmt.Sprintf("%s is %s, not a regular file; it was not read", path, kind.EN)}}
}

// readDiagnostic reports a file that could not be read, with the usual
// causes in the user's language.
func readDiagnostic(name string, err error) *Diagnostic {
	cause := i18n.T(err.Error(), err.Error())
	switch {
	case errors.Is(err, fs.ErrPermission):
		cause = i18n.T("没有读取权限", "permission denied")
	case errors.Is(err, fs.ErrNotExist):
		cause = i18n.T("文件或目录不存在", "no such file or directory")
	case errors.Is(err, errIsDirectory):
		cause = i18n.T("这是一个目录", "it is a directory")
	}
	return &Diagnostic{Source: name, Code: CodeRead, Severity: SeverityError, Pointer: "", Message: i18n.Text{
		ZH: fmt.Sprintf("无法读取 %s：%s", name, cause.ZH),
		EN: fmt.Sprintf("cannot read %s: %s", name, cause.EN)}}
}
