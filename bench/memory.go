package bench

import (
	"runtime"
	"runtime/metrics"
	"sync"
	"time"
)

// Memory is read from runtime/metrics, never with runtime.ReadMemStats
// (which stops the world):
//
//   - heapMetric, the bytes of heap objects (live, plus dead ones not yet
//     swept), is sampled every HeapSampleInterval by a goroutine during
//     each run; the highest sample (and the readings at the run's start
//     and end) is the run's peak.
//   - liveMetric, the bytes the last collection found live, is sampled
//     with it: its highest sample is the most the run held at any
//     collection, which, unlike the peak, does not depend on when the
//     collector happened to run.
//   - allocsMetric, the cumulative bytes allocated, gives a run's
//     allocations as the difference of two readings, and
//     allocObjectsMetric the count of objects allocated.
const (
	heapMetric         = "/memory/classes/heap/objects:bytes"
	liveMetric         = "/gc/heap/live:bytes"
	allocsMetric       = "/gc/heap/allocs:bytes"
	allocObjectsMetric = "/gc/heap/allocs:objects"
)

// HeapSampleInterval is how often the heap is sampled during a run.
const HeapSampleInterval = time.Millisecond

// readMetric reads one uint64 metric.
func readMetric(name string) uint64 {
	s := []metrics.Sample{{Name: name}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}

// liveHeap collects garbage and returns the bytes of the heap objects
// left: what the program holds.
func liveHeap() uint64 {
	runtime.GC()
	return readMetric(heapMetric)
}

// heapSampler records the highest heap reading while it runs.
type heapSampler struct {
	stop chan struct{}
	wg   sync.WaitGroup
	mu   sync.Mutex
	peak uint64
	live uint64 // the highest live heap at a collection
}

// startHeapSampler starts sampling every interval.
func startHeapSampler(interval time.Duration) *heapSampler {
	h := &heapSampler{stop: make(chan struct{}), peak: readMetric(heapMetric), live: readMetric(liveMetric)}
	h.wg.Add(1)
	go func() {
		defer h.wg.Done()
		t := time.NewTicker(interval)
		defer t.Stop()
		s := []metrics.Sample{{Name: heapMetric}, {Name: liveMetric}}
		for {
			select {
			case <-h.stop:
				return
			case <-t.C:
				metrics.Read(s)
				h.observe(s[0].Value.Uint64(), s[1].Value.Uint64())
			}
		}
	}()
	return h
}

func (h *heapSampler) observe(heap, live uint64) {
	h.mu.Lock()
	h.peak, h.live = max(h.peak, heap), max(h.live, live)
	h.mu.Unlock()
}

// Stop takes a last reading, stops the goroutine and returns the peak.
func (h *heapSampler) Stop() uint64 {
	h.observe(readMetric(heapMetric), readMetric(liveMetric))
	close(h.stop)
	h.wg.Wait()
	return h.peak
}

// PeakLive returns, after Stop, the highest live heap a collection
// found while the sampler ran.
func (h *heapSampler) PeakLive() uint64 { return h.live }
