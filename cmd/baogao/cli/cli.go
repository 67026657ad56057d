// Package cli holds baogao's commands. Main returns the exit code instead
// of exiting, so that tests run the whole CLI in-process through Run.
package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"runtime/pprof"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/term"
)

// Exit codes, decided in one place (exitCode).
const (
	ExitOK      = 0 // done; "no matches" is not a failure
	ExitFailure = 1 // something failed: an unreadable file, a broken index
	ExitUsage   = 2 // the command line was wrong
)

// IOStreams are where a command reads and writes. Data goes to Out;
// progress, warnings and errors go to ErrOut.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
	// OutTTY and ErrTTY say whether the streams are terminals; Width is the
	// terminal's width in columns (0 when Out is not a terminal).
	OutTTY, ErrTTY bool
	Width          int
}

// Factory hands commands their dependencies, so tests can swap them.
type Factory struct {
	IO *IOStreams
}

// usageError marks an error in the command line (exit code 2).
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// errReported says a failure was already written to ErrOut; the command
// still exits with ExitFailure.
var errReported = errors.New("failures reported above")

// Main runs baogao with the process's arguments and streams.
func Main() int {
	// A command lives for seconds at most: collecting garbage less often
	// makes large tables and ingests faster for little memory.
	debug.SetGCPercent(400)
	io := &IOStreams{In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr}
	io.OutTTY = term.IsTerminal(int(os.Stdout.Fd()))
	io.ErrTTY = term.IsTerminal(int(os.Stderr.Fd()))
	if io.OutTTY {
		if w, _, err := term.GetSize(int(os.Stdout.Fd())); err == nil {
			io.Width = w
		}
	}
	// BAOGAO_CPUPROFILE names a file for a CPU profile of the command
	// (baogao bench sets it for the ingests it measures).
	if name := os.Getenv("BAOGAO_CPUPROFILE"); name != "" {
		if f, err := os.Create(name); err == nil && pprof.StartCPUProfile(f) == nil {
			defer f.Close()
			defer pprof.StopCPUProfile()
		}
	}
	return Run(os.Args[1:], io)
}

// Run runs baogao with args and returns the exit code.
func Run(args []string, io *IOStreams) int {
	f := &Factory{IO: io}
	root := NewCmdRoot(f)
	root.SetArgs(args)
	root.SetOut(io.Out)
	root.SetErr(io.ErrOut)
	err := root.Execute()
	return exitCode(err, io.ErrOut)
}

// exitCode prints err (unless already reported) and maps it to a code.
func exitCode(err error, w io.Writer) int {
	if err == nil {
		return ExitOK
	}
	if errors.Is(err, errReported) {
		return ExitFailure
	}
	var u usageError
	if errors.As(err, &u) || isCobraUsage(err) {
		fmt.Fprintf(w, "baogao: %v\nRun 'baogao --help' for usage.\n", err)
		return ExitUsage
	}
	fmt.Fprintf(w, "baogao: %v\n", err)
	return ExitFailure
}

// isCobraUsage reports whether err is one of cobra's own command-line
// errors, which it does not type.
func isCobraUsage(err error) bool {
	msg := err.Error()
	for _, p := range []string{"unknown command", "unknown flag", "unknown shorthand flag", "accepts ", "requires at least", "invalid argument", "flag needs an argument"} {
		if strings.Contains(msg, p) {
			return true
		}
	}
	return false
}

// NewCmdRoot builds the baogao command tree.
func NewCmdRoot(f *Factory) *cobra.Command {
	root := &cobra.Command{
		Use:   "baogao <command> [flags]",
		Short: "Figures from township rule-of-law reports, each traceable to its sentence",
		Long: `baogao reads folders of township 法治政府建设 reports (.txt in UTF-8, UTF-16
or GB18030; Word, OpenDocument, PDF, OFD and saved web pages), extracts the
figures they state (disputes mediated, 调解成功率,
publicity events, 法律明白人 trained…) with the sentence each came from, and
prints them for comparison across towns and years.`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Example: `  baogao extract testdata/reports
  baogao extract --format json reports/ > figures.json
  baogao ingest reports/ && baogao search 调解成功率 --year 2024
  baogao show 王团镇 2024`,
	}
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error { return usageError{err} })
	root.AddCommand(NewCmdExtract(f, nil), NewCmdIngest(f), NewCmdSearch(f), NewCmdShow(f), NewCmdCompare(f), NewCmdExport(f), NewCmdCheck(f), NewCmdBench(f))
	root.SetHelpTemplate(root.HelpTemplate() + exitCodeHelp)
	return root
}

const exitCodeHelp = `
Exit codes:
  0  done (no matches is not a failure; it is said on stderr)
  1  something failed: a file that could not be read, a broken index; the
     rest of the work is still done and printed
  2  the command line was wrong
`
