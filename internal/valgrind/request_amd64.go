package valgrind

// request makes the client request args[0] with arguments args[1:] and
// returns Valgrind's answer, 0 outside Valgrind.
//
//go:noescape
func request(args *[6]uint64) uint64
