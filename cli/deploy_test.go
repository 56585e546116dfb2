package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/pennybt/penny/pkg/sweep"
	"github.com/pennybt/penny/strategies/builtin"
)

// k8s is the part of a Kubernetes object the test reads.
type k8s struct {
	Kind     string `yaml:"kind"`
	Metadata struct {
		Name string `yaml:"name"`
	} `yaml:"metadata"`
	Spec struct {
		CompletionMode string `yaml:"completionMode"`
		Completions    int    `yaml:"completions"`
		Parallelism    int    `yaml:"parallelism"`
		Template       struct {
			Spec struct {
				InitContainers []container `yaml:"initContainers"`
				Containers     []container `yaml:"containers"`
				Volumes        []struct {
					Name string `yaml:"name"`
					PVC  struct {
						ClaimName string `yaml:"claimName"`
					} `yaml:"persistentVolumeClaim"`
				} `yaml:"volumes"`
			} `yaml:"spec"`
		} `yaml:"template"`
	} `yaml:"spec"`
}

type container struct {
	Command []string `yaml:"command"`
	Env     []struct {
		Name string `yaml:"name"`
	} `yaml:"env"`
	VolumeMounts []struct {
		Name      string `yaml:"name"`
		MountPath string `yaml:"mountPath"`
	} `yaml:"volumeMounts"`
}

// claim returns the claim of the volume mounted at a path above p.
func (o *k8s) claim(c container, p string) string {
	for _, m := range c.VolumeMounts {
		if p == m.MountPath || strings.HasPrefix(p, strings.TrimSuffix(m.MountPath, "/")+"/") {
			for _, v := range o.Spec.Template.Spec.Volumes {
				if v.Name == m.Name {
					return v.PVC.ClaimName
				}
			}
		}
	}
	return ""
}

// TestKubernetesManifest reads deploy/k8s/sweep-job.yaml and checks it
// against the command line: the Indexed Job's command parses with penny
// sweep's own flags, its --shards is the Job's completions, each
// completion index gives its shard, the output folder is on the shared
// volume that the merge Job mounts too, and the merge waits for the
// shards' folders before running penny sweep merge on the same folder.
func TestKubernetesManifest(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "deploy", "k8s", "sweep-job.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var objs []k8s
	d := yaml.NewDecoder(bytes.NewReader(b))
	for {
		var o k8s
		if err := d.Decode(&o); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		objs = append(objs, o)
	}
	var job, merge *k8s
	for i := range objs {
		if objs[i].Kind != "Job" {
			continue
		}
		if objs[i].Spec.CompletionMode == "Indexed" {
			job = &objs[i]
		} else {
			merge = &objs[i]
		}
	}
	if job == nil || merge == nil {
		t.Fatal("want an Indexed Job and a merge Job")
	}
	n := job.Spec.Completions
	if n < 2 || job.Spec.Parallelism < 1 {
		t.Fatalf("completions %d, parallelism %d", n, job.Spec.Parallelism)
	}

	// The shard command, parsed as penny parses it.
	c := job.Spec.Template.Spec.Containers[0]
	if len(c.Command) < 3 || c.Command[0] != "penny" || c.Command[1] != "sweep" {
		t.Fatalf("command %v", c.Command)
	}
	var stderr bytes.Buffer
	fs, f := newSweepFlags(&env{strategies: builtin.Table(), stderr: &stderr})
	pos, err := fs.parseArgs(c.Command[2:])
	if err != nil || len(pos) != 1 {
		t.Fatalf("penny sweep %v: %v %v %s", c.Command[2:], pos, err, stderr.String())
	}
	if f.shard != "" || f.shards != n || f.out == "" || !f.resume {
		t.Fatalf("flags %+v: want no --shard, --shards %d (the completions), --out, --resume", f, n)
	}
	for _, e := range c.Env {
		if e.Name == "JOB_COMPLETION_INDEX" || e.Name == "PENNY_SHARDS" {
			t.Fatalf("%s is set by hand: Kubernetes sets the index, --shards the count", e.Name)
		}
	}
	for i := range n {
		s, err := resolveShard(f.shard, f.shards, func(k string) string {
			if k == "JOB_COMPLETION_INDEX" {
				return strconv.Itoa(i)
			}
			return ""
		})
		if err != nil || s != (sweep.Shard{Index: i, Count: n}) {
			t.Fatalf("completion %d: shard %v, %v", i, s, err)
		}
	}
	// The config is a shipped one (the image copies configs/ to /penny/configs).
	if !strings.HasPrefix(pos[0], "/penny/configs/") {
		t.Fatalf("config %s is not under /penny/configs", pos[0])
	}
	if _, err := os.Stat(filepath.Join("..", "configs", strings.TrimPrefix(pos[0], "/penny/configs/"))); err != nil {
		t.Fatal(err)
	}
	claim := job.claim(c, f.out)
	if claim == "" {
		t.Fatalf("--out %s is not on a mounted persistent volume", f.out)
	}

	// The merge: the same folder, on the same claim, after every shard.
	mc := merge.Spec.Template.Spec.Containers[0]
	if want := []string{"penny", "sweep", "merge", f.out}; strings.Join(mc.Command, " ") != strings.Join(want, " ") {
		t.Fatalf("merge command %v, want %v", mc.Command, want)
	}
	if merge.claim(mc, f.out) != claim {
		t.Fatalf("the merge does not mount claim %s at %s", claim, f.out)
	}
	if len(merge.Spec.Template.Spec.InitContainers) != 1 {
		t.Fatal("the merge does not wait for the shards")
	}
	wait := merge.Spec.Template.Spec.InitContainers[0]
	script := strings.Join(wait.Command, " ")
	for _, want := range []string{filepath.Join(f.out, "shards", fmt.Sprintf("*-of-%d", n)), fmt.Sprintf("-ge %d", n)} {
		if !strings.Contains(script, want) {
			t.Fatalf("the wait %q does not contain %q", script, want)
		}
	}
	if merge.claim(wait, f.out) != claim {
		t.Fatal("the wait does not mount the results")
	}
}
