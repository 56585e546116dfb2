// Package browser opens pages in a headless Chromium and reports what a
// person's browser would have complained about, for the tests of Penny's
// HTML pages (report.html, compare.html): console errors, uncaught
// exceptions, failed loads, and any request that leaves the page's own
// file. It drives Chromium through the DevTools protocol over a pipe
// (--remote-debugging-pipe: null-terminated JSON messages on file
// descriptors 3 and 4), so it needs no port, no WebSocket and no library.
//
//	path, err := browser.Find(os.Getenv)
//	b, err := browser.Start(ctx, path)
//	defer b.Close()
//	p, err := b.Open(ctx, "file:///tmp/out/report.html", browser.Options{Scripts: true})
//	fmt.Println(p.Problems)          // console errors, exceptions, requests
//	err = p.Eval(ctx, "document.querySelectorAll('svg').length", &n)
//
// Chromium runs with a fresh profile in a temporary directory (removed by
// Close), without GPU, sandbox, QUIC, background networking, component
// updates or sync, so that it does not touch the network on its own, and
// a page's requests for http, https, ws or ftp URLs are blocked (and
// reported).
// Find looks for Debian's chromium (or $PENNY_CHROMIUM); tests skip when
// it is absent unless $PENNY_BROWSER_TEST is 1 (.ci/run sets it), which
// makes the browser required (see Required).
//
// A Browser is safe for one goroutine; errors name the protocol method
// that failed. Nothing panics.
package browser
