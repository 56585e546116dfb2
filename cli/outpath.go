package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// checkOutDir refuses, before anything runs, an output folder that is a
// file or lies under one (bad usage, status 2). A folder that does not
// exist yet is fine: the command makes it.
func checkOutDir(flag, dir string) error {
	fi, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("%s %s: %w", flag, dir, err)
	case !fi.IsDir():
		return fmt.Errorf("%s %s: is a file, not a folder", flag, dir)
	}
	return nil
}
