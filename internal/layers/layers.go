package layers

// Order lists the module's packages (paths relative to the module root),
// lowest first: a package may import only packages listed before it.
func Order() []string {
	return []string{
		// Leaves: the numbers and the tools every layer may use.
		"numeric",
		"internal/atomicfile",
		"internal/jsonfloat",
		"internal/limit",
		"internal/memlimit",
		"internal/parallel",
		"internal/svg",
		"internal/drift",
		"internal/strictyaml",
		"internal/outdir",
		"internal/browser",
		"internal/valgrind",
		"internal/backendtest",
		"internal/specialize",
		"internal/specialize/cmd/specialize",
		"internal/layers",
		// The engine, down its chain: the model, time, data, orders,
		// fills, the account, the loop, then what is made of its result.
		"pkg/market",
		"pkg/calendar",
		"pkg/clock",
		"pkg/corpaction",
		"pkg/dataportal",
		"pkg/order",
		"pkg/ledger",
		"pkg/execution",
		"pkg/engine",
		"pkg/metrics",
		"pkg/report",
		"pkg/config",
		"pkg/sweep",
		// Strategies plug into the engine.
		"strategies/indicator",
		"strategies",
		"strategies/buyhold",
		"strategies/meanrev",
		"strategies/momentum",
		"strategies/smacross",
		"strategies/builtin",
		// Sources of bars, and the bundle store.
		"bundles/store",
		"bundles/csvsource",
		"bundles/synthetic",
		"bundles/alpaca",
		"bundles/ingest",
		// A config made into runs, the bench, the command.
		"internal/runner",
		"bench",
		"cli",
		"cmd/penny",
		"configs",
	}
}
