package execution

import "github.com/pennybt/penny/numeric"

// New validates c and builds, for the backend N, what a run's engine
// takes (engine.Config's Execution): the simulator with its fill mode,
// slippage and commission models, and the account rules for the ledger.
// Every number is converted exactly from the text of the config; a value
// N cannot hold (more than 8 decimals in Fixed) is an error naming the
// key.
func New[N numeric.Number[N]](c Config) (Setup[N], error) {
	if err := c.Validate(); err != nil {
		return Setup[N]{}, err
	}
	var s Setup[N]
	s.Simulator.Mode = c.Fill
	var err error
	if s.Simulator.Slippage, err = buildSlippage[N](c.Slippage); err != nil {
		return Setup[N]{}, err
	}
	if s.Simulator.Commission, err = buildCommission[N](c.Commission); err != nil {
		return Setup[N]{}, err
	}
	s.Account.Shorting = c.Shorting
	if c.MaxLeverage != nil {
		if s.Account.MaxLeverage, err = number[N]("execution.max_leverage", c.MaxLeverage, ""); err != nil {
			return Setup[N]{}, err
		}
	}
	return s, nil
}

func buildSlippage[N numeric.Number[N]](c SlippageConfig) (Slippage[N], error) {
	const key = "execution.slippage."
	switch c.Model {
	case ModelFixedBps:
		bps, err := number[N](key+"bps", c.Bps, "")
		return FixedBps[N]{Bps: bps}, err
	case ModelVolumeShare:
		limit, err := number[N](key+"volume_limit", c.VolumeLimit, DefaultVolumeLimit)
		if err != nil {
			return nil, err
		}
		impact, err := number[N](key+"price_impact", c.PriceImpact, DefaultPriceImpact)
		return VolumeShare[N]{VolumeLimit: limit, PriceImpact: impact}, err
	}
	return NoSlippage[N]{}, nil
}

func buildCommission[N numeric.Number[N]](c CommissionConfig) (Commission[N], error) {
	const key = "execution.commission."
	switch c.Model {
	case ModelPerShare:
		cost, err := number[N](key+"cost", c.Cost, DefaultPerShareCost)
		if err != nil {
			return nil, err
		}
		min, err := number[N](key+"min", c.Min, DefaultPerShareMin)
		return PerShare[N]{Cost: cost, Min: min}, err
	case ModelPerTrade:
		cost, err := number[N](key+"cost", c.Cost, "")
		return PerTrade[N]{Cost: cost}, err
	case ModelBps:
		bps, err := number[N](key+"bps", c.Bps, "")
		return Bps[N]{Bps: bps}, err
	}
	return NoCommission[N]{}, nil
}
