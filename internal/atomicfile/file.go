package atomicfile

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// Perm is the mode of the files written.
const Perm os.FileMode = 0o644

// File is a file being written under a temporary name beside its final
// path. Write to it, then Commit; Discard (safe to defer) removes the
// temporary file of a write that failed.
type File struct {
	f      *os.File
	path   string
	closed bool // flushed to disk and closed
	done   bool // committed or discarded
}

// Create starts writing the file at path: it creates a temporary file in
// the folder of path, which must exist.
func Create(path string) (*File, error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return nil, err
	}
	return &File{f: f, path: path}, nil
}

// Write writes p to the temporary file.
func (f *File) Write(p []byte) (int, error) {
	if f.closed || f.done {
		return 0, fmt.Errorf("%s: write after Close or Commit", f.path)
	}
	return f.f.Write(p)
}

// Close sets the temporary file's mode, flushes it to disk and closes it,
// without renaming it: a caller that writes several files closes them all
// before committing any, so that a failure leaves all the old ones.
// Commit closes a file that is not closed yet.
func (f *File) Close() error {
	if f.closed {
		return nil
	}
	f.closed = true
	err := f.f.Chmod(Perm)
	if err == nil {
		err = f.f.Sync()
	}
	if cerr := f.f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		f.Discard()
		return fmt.Errorf("writing %s: %w", f.path, err)
	}
	return nil
}

// Commit closes the temporary file (see Close), renames it over the final
// path and syncs the folder. On an error the temporary file is removed
// and the final path keeps what it held.
func (f *File) Commit() error {
	if f.done {
		return fmt.Errorf("%s: committed or discarded already", f.path)
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(f.f.Name(), f.path); err != nil {
		f.Discard()
		return err
	}
	f.done = true
	return SyncDir(filepath.Dir(f.path))
}

// Discard closes and removes the temporary file. It does nothing after
// Commit, so it can be deferred.
func (f *File) Discard() {
	if f.done {
		return
	}
	f.done = true
	if !f.closed {
		f.closed = true
		_ = f.f.Close()
	}
	_ = os.Remove(f.f.Name())
}

// WriteFile writes data to path (see the package documentation).
func WriteFile(path string, data []byte) error {
	return Write(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// Write writes to path what write writes to its writer, buffered (see the
// package documentation). An error of write is returned as it is, and
// path keeps what it held.
func Write(path string, write func(io.Writer) error) error {
	f, err := Create(path)
	if err != nil {
		return err
	}
	defer f.Discard()
	bw := bufio.NewWriterSize(f, 64<<10)
	if err := write(bw); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return f.Commit()
}

// SyncDir flushes a folder's entries to disk, so that a file created or
// renamed in it survives a crash. File systems that cannot sync a folder
// (os.ErrInvalid) are not an error.
func SyncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	if err != nil && !errors.Is(err, os.ErrInvalid) {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	return nil
}
