package numeric

import (
	"encoding/json"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

type moneyDoc[N Number[N]] struct {
	Capital N `json:"capital" yaml:"capital"`
	Price   N `json:"price" yaml:"price"`
}

func TestMarshal(t *testing.T) { forEachBackend(t, testMarshalByName) }

//penny:backends
func testMarshal[N Number[N]](t *testing.T) {
	doc := moneyDoc[N]{Capital: MustParse[N]("100000"), Price: MustParse[N]("123.45")}

	t.Run("json", func(t *testing.T) {
		b, err := json.Marshal(doc)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := string(b), `{"capital":"100000","price":"123.45"}`; got != want {
			t.Fatalf("json = %s, want %s", got, want)
		}
		var back moneyDoc[N]
		if err := json.Unmarshal([]byte(`{"capital":100000,"price":"123.45"}`), &back); err != nil {
			t.Fatal(err)
		}
		if back.Capital.Cmp(doc.Capital) != 0 || back.Price.Cmp(doc.Price) != 0 {
			t.Fatalf("json round trip = %+v", back)
		}
		if err := json.Unmarshal([]byte(`{"price":"1.2.3"}`), &back); err == nil {
			t.Fatal("bad JSON number accepted")
		}
	})
	t.Run("yaml", func(t *testing.T) {
		b, err := yaml.Marshal(doc)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := string(b), "capital: 100000\nprice: 123.45\n"; got != want {
			t.Fatalf("yaml = %q, want %q (unquoted numbers)", got, want)
		}
		var back moneyDoc[N]
		if err := yaml.Unmarshal(b, &back); err != nil {
			t.Fatal(err)
		}
		if back.Capital.Cmp(doc.Capital) != 0 || back.Price.Cmp(doc.Price) != 0 {
			t.Fatalf("yaml round trip = %+v", back)
		}
		err = yaml.Unmarshal([]byte("capital: [1]\n"), &back)
		if err == nil || !strings.Contains(err.Error(), "line 1") {
			t.Fatalf("yaml sequence for a number: error %v, want one naming line 1", err)
		}
		err = yaml.Unmarshal([]byte("price: NaN\n"), &back)
		if err == nil {
			t.Fatal("yaml NaN accepted")
		}
	})
	t.Run("text", func(t *testing.T) {
		b, err := doc.Price.MarshalText()
		if err != nil || string(b) != "123.45" {
			t.Fatalf("MarshalText = %s, %v", b, err)
		}
	})
}

func TestYAMLExactBeyondFloat(t *testing.T) {
	var d struct {
		X Decimal `yaml:"x"`
		F Fixed   `yaml:"f"`
	}
	if err := yaml.Unmarshal([]byte("x: 0.1000000000000000000000000001\nf: 90071992.54740993\n"), &d); err != nil {
		t.Fatal(err)
	}
	if d.X.String() != "0.1000000000000000000000000001" || d.F.String() != "90071992.54740993" {
		t.Fatalf("decoded %s, %s: digits lost (read through float64?)", d.X, d.F)
	}
}
