package corpus

// Warning is something worth a reviewer's attention about one report. It
// never stops a run.
type Warning struct {
	Code     string `json:"code"` // stable, e.g. "spam_removed", "rate_mismatch"
	Message  string `json:"message"`
	Evidence string `json:"evidence"` // the text concerned, verbatim
}
