package corpus

// Warning is something worth a reviewer's attention about one report. It
// never stops a run.
type Warning struct {
	Code     string // stable, e.g. "spam_removed", "rate_mismatch"
	Message  string
	Evidence string // the text concerned, verbatim
}
