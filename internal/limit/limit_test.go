package limit

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "c.yaml")
	if err := os.WriteFile(p, []byte(strings.Repeat("x", 100)), 0o644); err != nil {
		t.Fatal(err)
	}
	if b, err := ReadFile(p, 100); err != nil || len(b) != 100 {
		t.Fatalf("at the limit: %d bytes, %v", len(b), err)
	}
	_, err := ReadFile(p, 99)
	var te *TooLargeError
	if !errors.As(err, &te) || !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "c.yaml: larger than 99 B") {
		t.Fatalf("over the limit: %v", err)
	}
	if _, err := os.Stat("/dev/zero"); err == nil {
		if _, err := ReadFile("/dev/zero", Config); !errors.As(err, &te) {
			t.Fatalf("/dev/zero: %v", err)
		}
	}
}

func TestLines(t *testing.T) {
	in := "a,b\n" + strings.Repeat("1", 10) + "\n" + strings.Repeat("2", 11) + "\nlast\n"
	b, err := io.ReadAll(Lines(strings.NewReader(in), 10))
	var le *LineError
	if !errors.As(err, &le) || le.Line != 3 || !strings.Contains(err.Error(), "line 3 is longer than 10 B") {
		t.Fatalf("err = %v", err)
	}
	if want := "a,b\n1111111111\n2222222222"; string(b) != want {
		t.Fatalf("read %q before the error, want %q", b, want)
	}
	if b, err := io.ReadAll(Lines(strings.NewReader(in), 11)); err != nil || string(b) != in {
		t.Fatalf("within the limit: %q, %v", b, err)
	}
}

func TestClip(t *testing.T) {
	if got := Clip("short"); got != "short" {
		t.Fatal(got)
	}
	long := strings.Repeat("9", 50<<20)
	got := Clip(long)
	if len(got) > 80 || !strings.HasSuffix(got, "... (50 MiB in all)") {
		t.Fatalf("Clip = %q", got)
	}
	if got := Clip(strings.Repeat("é", 40)); !strings.HasPrefix(got, strings.Repeat("é", 24)+"...") {
		t.Fatalf("Clip cut a character: %q", got)
	}
}
