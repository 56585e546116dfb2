package indicator

import (
	"errors"
	"testing"

	"github.com/pennybt/penny/internal/backendtest"
	"github.com/pennybt/penny/numeric"
)

func TestParams(t *testing.T) {
	backendtest.Run(t, testParamsByName)
}

func errOf[T any](_ T, err error) error { return err }

//penny:backends
func testParams[N numeric.Number[N]](t *testing.T) {
	tests := []struct {
		name string
		err  error
		want ParamError
		msg  string
	}{
		{"SMA zero", errOf(NewSMA[N](0)), ParamError{"SMA", "period", "0", "must be between 1 and 1000000"},
			"indicator SMA: period 0: must be between 1 and 1000000"},
		{"SMA negative", errOf(NewSMA[N](-5)), ParamError{"SMA", "period", "-5", "must be between 1 and 1000000"}, ""},
		{"SMA too long", errOf(NewSMA[N](MaxPeriod + 1)), ParamError{"SMA", "period", "1000001", "must be between 1 and 1000000"}, ""},
		{"EMA zero", errOf(NewEMA[N](0)), ParamError{"EMA", "period", "0", "must be between 1 and 1000000"}, ""},
		{"SMMA zero", errOf(NewSMMA[N](0)), ParamError{"SMMA", "period", "0", "must be between 1 and 1000000"}, ""},
		{"WMA zero", errOf(NewWMA[N](0)), ParamError{"WMA", "period", "0", "must be between 1 and 1000000"}, ""},
		{"RSI zero", errOf(NewRSI[N](0)), ParamError{"RSI", "period", "0", "must be between 1 and 1000000"}, ""},
		{"ATR zero", errOf(NewATR[N](0)), ParamError{"ATR", "period", "0", "must be between 1 and 1000000"}, ""},
		{"StdDev zero", errOf(NewStdDev[N](0)), ParamError{"StdDev", "period", "0", "must be between 1 and 1000000"}, ""},
		{"ZScore zero", errOf(NewZScore[N](0)), ParamError{"ZScore", "period", "0", "must be between 1 and 1000000"}, ""},
		{"ROC zero", errOf(NewROC[N](0)), ParamError{"ROC", "period", "0", "must be between 1 and 1000000"}, ""},
		{"Momentum zero", errOf(NewMomentum[N](0)), ParamError{"Momentum", "period", "0", "must be between 1 and 1000000"}, ""},
		{"Highest zero", errOf(NewHighest[N](0)), ParamError{"Highest", "period", "0", "must be between 1 and 1000000"}, ""},
		{"Lowest zero", errOf(NewLowest[N](0)), ParamError{"Lowest", "period", "0", "must be between 1 and 1000000"}, ""},
		{"Bollinger period", errOf(NewBollinger(0, numeric.Int[N](2))), ParamError{"Bollinger", "period", "0", "must be between 1 and 1000000"}, ""},
		{"Bollinger devfactor zero", errOf(NewBollinger(20, numeric.Int[N](0))), ParamError{"Bollinger", "devfactor", "0", "must be positive"},
			"indicator Bollinger: devfactor 0: must be positive"},
		{"Bollinger devfactor negative", errOf(NewBollinger(20, numeric.MustParse[N]("-1.5"))), ParamError{"Bollinger", "devfactor", "-1.5", "must be positive"}, ""},
		{"MACD fast zero", errOf(NewMACD[N](0, 26, 9)), ParamError{"MACD", "fast", "0", "must be between 1 and 1000000"}, ""},
		{"MACD slow zero", errOf(NewMACD[N](12, 0, 9)), ParamError{"MACD", "slow", "0", "must be between 1 and 1000000"}, ""},
		{"MACD signal zero", errOf(NewMACD[N](12, 26, 0)), ParamError{"MACD", "signal", "0", "must be between 1 and 1000000"}, ""},
		{"MACD fast equal slow", errOf(NewMACD[N](26, 26, 9)), ParamError{"MACD", "fast", "26", "must be less than slow (26)"},
			"indicator MACD: fast 26: must be less than slow (26)"},
		{"MACD fast above slow", errOf(NewMACD[N](30, 26, 9)), ParamError{"MACD", "fast", "30", "must be less than slow (26)"}, ""},
		{"Stochastic period", errOf(NewStochastic[N](0, 3, 3)), ParamError{"Stochastic", "period", "0", "must be between 1 and 1000000"}, ""},
		{"Stochastic dfast", errOf(NewStochastic[N](14, 0, 3)), ParamError{"Stochastic", "dfast", "0", "must be between 1 and 1000000"}, ""},
		{"Stochastic dslow", errOf(NewStochastic[N](14, 3, -1)), ParamError{"Stochastic", "dslow", "-1", "must be between 1 and 1000000"}, ""},
		{"StochasticFast period", errOf(NewStochasticFast[N](0, 3)), ParamError{"StochasticFast", "period", "0", "must be between 1 and 1000000"}, ""},
		{"StochasticFast dfast", errOf(NewStochasticFast[N](14, 0)), ParamError{"StochasticFast", "dfast", "0", "must be between 1 and 1000000"}, ""},
	}
	if numeric.Backend[N]() == "fixed" {
		tests = append(tests, struct {
			name string
			err  error
			want ParamError
			msg  string
		}{"WMA weight sum beyond Fixed", errOf(NewWMA[N](429497)),
			ParamError{"WMA", "period", "429497", "weight sum period*(period+1)/2 out of range for the fixed backend"}, ""})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var pe *ParamError
			if !errors.As(tt.err, &pe) {
				t.Fatalf("error %v, want a *ParamError", tt.err)
			}
			if *pe != tt.want {
				t.Fatalf("got %+v, want %+v", *pe, tt.want)
			}
			if tt.msg != "" && pe.Error() != tt.msg {
				t.Fatalf("message %q, want %q", pe.Error(), tt.msg)
			}
		})
	}
	// The limits themselves are accepted.
	for name, err := range map[string]error{
		"SMA(1)":              errOf(NewSMA[N](1)),
		"SMA(MaxPeriod)":      errOf(NewSMA[N](MaxPeriod)),
		"MACD(1,2,1)":         errOf(NewMACD[N](1, 2, 1)),
		"WMA(429496)":         errOf(NewWMA[N](429496)),
		"Bollinger(1, 1e-8)":  errOf(NewBollinger(1, numeric.MustParse[N]("0.00000001"))),
		"Stochastic(1, 1, 1)": errOf(NewStochastic[N](1, 1, 1)),
	} {
		if err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}
