//go:build !unix

package store

import (
	"fmt"
	"os"
)

// lock creates the lock file but takes no lock: on systems without flock
// two concurrent ingests of one bundle are not detected.
func lock(path, what string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	return f, nil
}

func unlock(f *os.File) error {
	if f == nil {
		return nil
	}
	return f.Close()
}
