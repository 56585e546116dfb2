package config

import "github.com/pennybt/penny/pkg/market"

// Frequency is the value of data.frequency: a bar frequency and whether
// the config gives one. Its zero value is daily and not given: a run of
// synthetic or CSV data is then daily, a run of a bundle takes the
// frequency of the bundle's bars (see RunFrequency).
type Frequency struct {
	market.Frequency
	// Given reports that the config names a frequency.
	Given bool
}

// FrequencyOf returns f as given in a config.
func FrequencyOf(f market.Frequency) Frequency { return Frequency{Frequency: f, Given: true} }

// UnmarshalText reads a frequency as market.ParseFrequency does and marks
// it given.
func (f *Frequency) UnmarshalText(b []byte) error {
	v, err := market.ParseFrequency(string(b))
	if err != nil {
		return err
	}
	*f = FrequencyOf(v)
	return nil
}

// MarshalText writes the frequency's name (daily when not given).
func (f Frequency) MarshalText() ([]byte, error) { return f.Frequency.MarshalText() }

// RunFrequency returns the frequency of the run's bars for data of
// frequency data: data.frequency when given, else data's for a bundle
// (which records the frequency of its bars) and daily for the other
// sources.
func (d *Data) RunFrequency(data market.Frequency) market.Frequency {
	if !d.Frequency.Given && d.Source == "bundle" {
		return data
	}
	return d.Frequency.Frequency
}
