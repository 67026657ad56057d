//go:build !unix

package cli

import "os"

// peakRSS reports that this system does not give the peak resident memory
// of a finished process.
func peakRSS(ps *os.ProcessState) (int64, bool) { return 0, false }
