package runner

import (
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/engine"
	"github.com/pennybt/penny/strategies/buyhold"
	"github.com/pennybt/penny/strategies/meanrev"
	"github.com/pennybt/penny/strategies/momentum"
	"github.com/pennybt/penny/strategies/smacross"
)

// Strategies lists the names of the strategies a config can use.
func Strategies() []string {
	return []string{smacross.Name, momentum.Name, meanrev.Name, buyhold.Name}
}

// CheckStrategy decodes and validates a strategy's params without
// building it: the check a config gets before any data is loaded.
func CheckStrategy(name string, params *yaml.Node) error {
	var err error
	switch name {
	case smacross.Name:
		_, err = smacross.DecodeParams(params)
	case momentum.Name:
		_, err = momentum.DecodeParams(params)
	case meanrev.Name:
		_, err = meanrev.DecodeParams(params)
	case buyhold.Name:
		_, err = buyhold.DecodeParams(params)
	default:
		return fmt.Errorf("strategy.name: unknown strategy %q (want %s)", name, strings.Join(Strategies(), ", "))
	}
	return err
}

// NewStrategy builds the named strategy for backend N from its params.
func NewStrategy[N numeric.Number[N]](name string, params *yaml.Node) (engine.Strategy[N], error) {
	if err := CheckStrategy(name, params); err != nil {
		return nil, err
	}
	switch name {
	case smacross.Name:
		p, _ := smacross.DecodeParams(params)
		return smacross.New[N](p)
	case momentum.Name:
		p, _ := momentum.DecodeParams(params)
		return momentum.New[N](p)
	case buyhold.Name:
		p, _ := buyhold.DecodeParams(params)
		return buyhold.New[N](p)
	default:
		p, _ := meanrev.DecodeParams(params)
		return meanrev.New[N](p)
	}
}
