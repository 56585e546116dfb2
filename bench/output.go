package bench

import (
	"encoding/json"
	"fmt"
	"path/filepath"

	"github.com/pennybt/penny/internal/limit"
)

// The files WriteDir writes.
const (
	ResultsFile = "results.json"
	ReportFile  = "report.md"
)

// WriteDir writes results.json, report.md and the three SVG charts into
// dir (created if needed), each to a temporary file renamed into place.
// The profiles are already there (Run writes them).
func WriteDir(dir string, r *Results) error {
	data, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return fmt.Errorf("bench: results: %w", err)
	}
	files := []struct {
		name string
		data []byte
	}{
		{ResultsFile, append(data, '\n')},
		{ReportFile, []byte(Report(r))},
		{TimeChart, []byte(drawTime(r))},
		{ModuleChart, []byte(drawModules(r))},
		{GrowthChart, []byte(drawGrowth(r))},
	}
	for _, f := range files {
		if err := writeFile(filepath.Join(dir, f.name), f.data); err != nil {
			return fmt.Errorf("bench: %w", err)
		}
	}
	return nil
}

// ReadResults reads a results.json.
func ReadResults(path string) (*Results, error) {
	data, err := limit.ReadFile(path, limit.JSON)
	if err != nil {
		return nil, err
	}
	var r Results
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if r.Schema != Schema {
		return nil, fmt.Errorf("%s: schema %d, want %d", path, r.Schema, Schema)
	}
	return &r, nil
}
