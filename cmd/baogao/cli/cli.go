// Package cli holds baogao's commands: flags → query → compare → render,
// one file per command. Main returns the exit code instead of exiting,
// so that tests run the whole CLI in-process through Run.
package cli

import (
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"runtime/debug"
	"runtime/pprof"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"baogao/corpus"
	"baogao/index"
	"baogao/render"
	"baogao/segment"
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

// usagef returns a usage error.
func usagef(format string, args ...any) error { return usageError{fmt.Errorf(format, args...)} }

// usageArgs makes an argument check's error a usage error.
func usageArgs(check cobra.PositionalArgs) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := check(cmd, args); err != nil {
			return usageError{err}
		}
		return nil
	}
}

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
	quietLibraries()
	// Every write to Out is checked here, once: a command whose output
	// could not be written (a full disk, /dev/full) has failed, whatever
	// it printed.
	out := &render.ErrWriter{W: io.Out}
	streams := *io
	streams.Out = out
	f := &Factory{IO: &streams}
	root := NewCmdRoot(f)
	root.SetArgs(args)
	root.SetOut(out)
	root.SetErr(io.ErrOut)
	err := root.Execute()
	code := exitCode(err, io.ErrOut)
	if out.Err != nil && !errors.Is(err, out.Err) {
		fmt.Fprintf(io.ErrOut, "baogao: the output could not be written: %s\n", render.Inert(out.Err.Error()))
		if code == ExitOK {
			code = ExitFailure
		}
	}
	return code
}

// quietLibraries silences the standard logger, to which the index library
// logs what it recovers from (a segment it cannot load): the user is told
// in baogao's words, once.
func quietLibraries() { log.SetOutput(io.Discard) }

// exitCode prints err (unless already reported) and maps it to a code.
func exitCode(err error, w io.Writer) int {
	if err == nil {
		return ExitOK
	}
	if errors.Is(err, errReported) {
		return ExitFailure
	}
	var u usageError
	if errors.As(err, &u) {
		fmt.Fprintf(w, "baogao: %s\nRun 'baogao --help' for usage.\n", render.Inert(err.Error()))
		return ExitUsage
	}
	fmt.Fprintf(w, "baogao: %s\n", render.Inert(describe(err)))
	return ExitFailure
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
		Version:       version(),
		Example: `  baogao extract testdata/reports
  baogao extract --format json reports/ > figures.json
  baogao ingest reports/ && baogao search 调解成功率 --year 2024
  baogao show 王团镇 2024`,
		// Runnable, so that a word that is no command is a typed usage
		// error rather than one recognised by its message.
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usagef("unknown command %q for %q", args[0], cmd.CommandPath())
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error { return cmd.Help() },
	}
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error { return usageError{err} })
	root.SetVersionTemplate("{{.Version}}\n")
	root.AddCommand(NewCmdExtract(f, nil), NewCmdIngest(f, nil), NewCmdSearch(f, nil), NewCmdShow(f, nil), NewCmdCompare(f, nil),
		NewCmdExport(f, nil), NewCmdCheck(f, nil), NewCmdIndicators(f, nil), NewCmdBench(f), NewCmdServe(f, nil))
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

// version says what this baogao is: the module version, the commit it
// was built from, and the versions of its dictionary, gazetteer and index
// schema.
func version() string {
	mod, commit := "(unknown)", "not recorded (go build or go install in a git clone records it)"
	if bi, ok := debug.ReadBuildInfo(); ok {
		mod = bi.Main.Version
		rev, modified := "", false
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
		if rev != "" {
			commit = rev
			if modified {
				commit += " (with uncommitted changes)"
			}
		}
	}
	return strings.Join([]string{
		"baogao " + mod,
		"commit     " + commit,
		"dictionary " + segment.DictVersion,
		"gazetteer  " + corpus.GazetteerEdition,
		"index      " + index.Version(),
	}, "\n")
}
