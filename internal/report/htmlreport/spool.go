package htmlreport

import (
	"bufio"
	"bytes"
	"io"
	"os"
)

// spoolMemory is how much of the sections a spool keeps in memory before it
// moves them to a temporary file.
var spoolMemory = 4 << 20

// spool holds rendered sections until the summary above them is written.
type spool struct {
	mem     bytes.Buffer
	file    *os.File
	buf     *bufio.Writer
	removed bool
	err     error
}

func (s *spool) Write(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	if s.file == nil && s.mem.Len()+len(p) <= spoolMemory {
		return s.mem.Write(p)
	}
	if s.file == nil {
		if s.err = s.spill(); s.err != nil {
			return 0, s.err
		}
	}
	n, err := s.buf.Write(p)
	s.err = err
	return n, err
}

// spill moves the sections so far to a temporary file. The file is unlinked
// at once where the system allows it, so that even a killed run leaves
// nothing behind.
func (s *spool) spill() error {
	f, err := os.CreateTemp("", "forerunner-html-*")
	if err != nil {
		return err
	}
	s.file, s.buf = f, bufio.NewWriterSize(f, 64<<10)
	s.removed = os.Remove(f.Name()) == nil
	_, err = s.mem.WriteTo(s.buf)
	s.mem = bytes.Buffer{}
	return err
}

func (s *spool) copyTo(w io.Writer) error {
	if s.err != nil {
		return s.err
	}
	if s.file == nil {
		_, err := s.mem.WriteTo(w)
		return err
	}
	if err := s.buf.Flush(); err != nil {
		return err
	}
	if _, err := s.file.Seek(0, io.SeekStart); err != nil {
		return err
	}
	_, err := io.Copy(w, s.file)
	return err
}

// remove closes and deletes the temporary file, if any.
func (s *spool) remove() {
	if s.file == nil {
		return
	}
	s.file.Close()
	if !s.removed {
		os.Remove(s.file.Name())
	}
	s.file = nil
}
