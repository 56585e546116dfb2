package cli

import (
	"runtime/debug"
	"testing"
)

func TestVersionOf(t *testing.T) {
	penny := func(v string, r *debug.Module) *debug.Module {
		return &debug.Module{Path: modulePath, Version: v, Replace: r}
	}
	tests := []struct {
		name string
		bi   debug.BuildInfo
		want string
	}{
		{"release", debug.BuildInfo{Main: *penny("v1.2.3", nil)}, "v1.2.3"},
		{"checkout", debug.BuildInfo{Main: *penny("(devel)", nil), Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "0123456789abcdef"}}}, "0123456789ab"},
		{"checkout without vcs", debug.BuildInfo{Main: *penny("(devel)", nil)}, "devel"},
		{"own program", debug.BuildInfo{Main: debug.Module{Path: "example.com/mine", Version: "(devel)"}, Deps: []*debug.Module{penny("v1.4.0", nil)}}, "v1.4.0"},
		{"own program, penny in a folder", debug.BuildInfo{Main: debug.Module{Path: "example.com/mine"}, Deps: []*debug.Module{penny("v0.0.0", &debug.Module{Path: "../penny", Version: "(devel)"})}}, "devel"},
		{"own program, penny replaced by a version", debug.BuildInfo{Main: debug.Module{Path: "example.com/mine"}, Deps: []*debug.Module{penny("v0.0.0", &debug.Module{Path: "example.com/fork", Version: "v1.0.1"})}}, "v1.0.1"},
		{"no penny", debug.BuildInfo{Main: debug.Module{Path: "example.com/mine"}}, "unknown"},
	}
	for _, tc := range tests {
		if got := versionOf(&tc.bi); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}
