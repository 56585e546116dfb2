package bench

import (
	"os"
	"path/filepath"

	"github.com/pennybt/penny/internal/atomicfile"
)

// writeFile writes data to path (creating its folder if needed) through a
// temporary file renamed over path, so a reader never sees a partial file.
func writeFile(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return atomicfile.WriteFile(path, data)
}
