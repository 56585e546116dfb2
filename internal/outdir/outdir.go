package outdir

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/pennybt/penny/internal/atomicfile"
)

// Marker is the file in an output folder that lists, one slash-separated
// path a line, the files Penny wrote there.
const Marker = ".penny-out"

const markerHeader = "# files written by penny; penny refuses to write into a folder holding other files\n"

// Error is a target folder Penny refuses to write into.
type Error struct {
	Dir    string
	Reason string
}

func (e *Error) Error() string { return fmt.Sprintf("output folder %s: %s", e.Dir, e.Reason) }

// Check returns an *Error when dir cannot take Penny's output: it is not a
// folder, it holds a file its marker does not list, or it is or contains
// one of inputs. A dir that does not exist, or an empty one, is fine.
func Check(dir string, inputs []string) error {
	if err := checkInputs(dir, inputs); err != nil {
		return err
	}
	ok, err := isDir(dir)
	if err != nil || !ok {
		return err
	}
	listed, err := readMarker(dir)
	if err != nil {
		return err
	}
	var foreign []string
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		rel = filepath.ToSlash(rel)
		switch {
		case rel == "." || rel == Marker:
			return nil
		case d.IsDir():
			return nil
		case !listed[rel]:
			foreign = append(foreign, rel)
		}
		return nil
	})
	if err != nil {
		return &Error{Dir: dir, Reason: err.Error()}
	}
	if len(foreign) > 0 {
		return &Error{Dir: dir, Reason: foreignText(foreign)}
	}
	return nil
}

// CheckNames is Check for a folder a command manages itself: every entry
// directly in dir must be one of names (what the command writes there);
// dir must not be or contain one of inputs.
func CheckNames(dir string, names, inputs []string) error {
	if err := checkInputs(dir, inputs); err != nil {
		return err
	}
	ok, err := isDir(dir)
	if err != nil || !ok {
		return err
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return &Error{Dir: dir, Reason: err.Error()}
	}
	var foreign []string
	for _, e := range entries {
		if !slices.Contains(names, e.Name()) {
			foreign = append(foreign, e.Name())
		}
	}
	if len(foreign) > 0 {
		return &Error{Dir: dir, Reason: foreignText(foreign)}
	}
	return nil
}

func foreignText(foreign []string) string {
	const show = 3
	s := strings.Join(foreign[:min(len(foreign), show)], ", ")
	if len(foreign) > show {
		s += fmt.Sprintf(" and %d more", len(foreign)-show)
	}
	return fmt.Sprintf("holds files penny did not write (%s): give a new or empty folder", s)
}

// isDir reports whether dir exists as a folder; anything else there is
// an *Error.
func isDir(dir string) (bool, error) {
	st, err := os.Stat(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return false, nil
	case err != nil:
		return false, &Error{Dir: dir, Reason: err.Error()}
	case !st.IsDir():
		return false, &Error{Dir: dir, Reason: "is a file, not a folder"}
	}
	return true, nil
}

// checkInputs refuses a dir that is or contains one of inputs.
func checkInputs(dir string, inputs []string) error {
	d := absolute(dir)
	for _, in := range inputs {
		if in == "" {
			continue
		}
		p := absolute(in)
		if p == d || strings.HasPrefix(p, d+string(filepath.Separator)) {
			return &Error{Dir: dir, Reason: fmt.Sprintf("contains the input %s: penny would overwrite or mix its output with it", in)}
		}
	}
	return nil
}

// absolute returns the clean absolute path, with symbolic links
// resolved where the path exists.
func absolute(p string) string {
	a, err := filepath.Abs(p)
	if err != nil {
		a = filepath.Clean(p)
	}
	if r, err := filepath.EvalSymlinks(a); err == nil {
		return r
	}
	// A path that does not exist yet: resolve its parent.
	if r, err := filepath.EvalSymlinks(filepath.Dir(a)); err == nil {
		return filepath.Join(r, filepath.Base(a))
	}
	return a
}

// readMarker returns the files the marker of dir lists (none when there
// is no marker).
func readMarker(dir string) (map[string]bool, error) {
	f, err := os.Open(filepath.Join(dir, Marker))
	if errors.Is(err, os.ErrNotExist) {
		return map[string]bool{}, nil
	}
	if err != nil {
		return nil, &Error{Dir: dir, Reason: err.Error()}
	}
	defer f.Close()
	const limit = 1 << 20 // a marker lists a few dozen files
	b := make([]byte, limit+1)
	n, err := io.ReadFull(f, b)
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		err = nil
	}
	if err != nil {
		return nil, &Error{Dir: dir, Reason: err.Error()}
	}
	if n > limit {
		return nil, &Error{Dir: dir, Reason: fmt.Sprintf("%s is larger than %d bytes: not penny's", Marker, limit)}
	}
	listed := map[string]bool{}
	for _, line := range strings.Split(string(b[:n]), "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			listed[line] = true
		}
	}
	return listed, nil
}

// Write writes a command's output folder dir: after Check(dir, inputs),
// it makes a temporary folder beside dir, calls fill with it, lists the
// files fill wrote in the marker and renames the folder into place,
// replacing dir as a whole when it exists. When fill or a step fails,
// the temporary folder is removed and dir is as it was.
func Write(dir string, inputs []string, fill func(tmp string) error) (err error) {
	if err := Check(dir, inputs); err != nil {
		return err
	}
	parent, base := filepath.Split(filepath.Clean(dir))
	if parent == "" {
		parent = "."
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, "."+base+".penny-tmp-")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			os.RemoveAll(tmp)
		}
	}()
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	if err := fill(tmp); err != nil {
		return err
	}
	var files []string
	err = filepath.WalkDir(tmp, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(tmp, path)
		files = append(files, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		return err
	}
	slices.Sort(files)
	if err := atomicfile.WriteFile(filepath.Join(tmp, Marker), []byte(markerHeader+strings.Join(files, "\n")+"\n")); err != nil {
		return err
	}
	if err := atomicfile.SyncDir(tmp); err != nil {
		return err
	}
	ok, err := isDir(dir)
	if err != nil {
		return err
	}
	if !ok {
		if err := os.Rename(tmp, dir); err != nil {
			return err
		}
		return atomicfile.SyncDir(parent)
	}
	// Replace the previous output as a whole: checked again (it may have
	// changed while fill ran), moved aside, the new one renamed in.
	if err := Check(dir, inputs); err != nil {
		return err
	}
	old := tmp + ".old"
	if err := os.Rename(dir, old); err != nil {
		return err
	}
	if err := os.Rename(tmp, dir); err != nil {
		if rerr := os.Rename(old, dir); rerr != nil {
			return fmt.Errorf("%w (and the previous output is left in %s: %v)", err, old, rerr)
		}
		return err
	}
	if err := atomicfile.SyncDir(parent); err != nil {
		return err
	}
	return os.RemoveAll(old)
}
