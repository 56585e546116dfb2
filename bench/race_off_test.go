//go:build !race

package bench

// raceEnabled: the test binary is built with the race detector.
const raceEnabled = false
