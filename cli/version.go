package cli

import (
	"runtime"
	"runtime/debug"
)

// modulePath is Penny's module.
const modulePath = "github.com/pennybt/penny"

// version returns the version of Penny the program was built with: the
// module version or VCS revision of Penny's own build, or of the Penny
// module a program of one's own requires ("devel" when it is replaced by
// a folder).
func version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	return versionOf(bi)
}

// versionOf is version from bi.
func versionOf(bi *debug.BuildInfo) string {
	m := &bi.Main
	if m.Path != modulePath {
		m = nil
		for _, d := range bi.Deps {
			if d.Path == modulePath {
				m = d
				break
			}
		}
		if m == nil {
			return "unknown"
		}
	}
	if r := m.Replace; r != nil {
		if r.Version != "" && r.Version != "(devel)" {
			return r.Version
		}
		return "devel"
	}
	if v := m.Version; v != "" && v != "(devel)" {
		return v
	}
	if m == &bi.Main {
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				return s.Value[:12]
			}
		}
	}
	return "devel"
}

// program returns the module of a program of one's own built on Penny,
// or "" for Penny's own build.
func program() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok || bi.Main.Path == modulePath {
		return ""
	}
	return bi.Main.Path
}

func goVersion() string { return runtime.Version() }
