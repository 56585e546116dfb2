// Package parallel runs the iterations of a loop on a bounded number of
// goroutines, for the bundle loaders and writers that read, generate or
// write one asset per iteration.
//
// For hands out the indices in increasing order to at most limit workers.
// The first error stops it: no index is handed out after an iteration
// fails (nor after the context is cancelled), the iterations under way
// finish, and For returns the error of the lowest index that failed, so
// that the error a user sees does not depend on the schedule. ForEach
// gives each worker a state of its own (scratch buffers reused from one
// iteration to the next).
package parallel
