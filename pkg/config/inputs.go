package config

import "sort"

// Inputs returns the files and folders the config's data reads, resolved
// against the config's folder: data.files, data.dir and data.actions
// (not a bundle's folder, which lies in the store). Commands refuse to
// write their output where it would overwrite or mix with one of them.
func (c *Config) Inputs() []string {
	var out []string
	for _, p := range c.Data.Files {
		out = append(out, c.Path(p))
	}
	sort.Strings(out)
	for _, p := range []string{c.Data.Dir, c.Data.Actions} {
		if p != "" {
			out = append(out, c.Path(p))
		}
	}
	return out
}
