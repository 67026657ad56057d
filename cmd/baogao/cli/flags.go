package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"baogao/extract"
	"baogao/index"
)

// enumValue is a flag that takes one of a few values.
type enumValue[T ~string] struct {
	p      *T
	values []string
}

func (e *enumValue[T]) String() string { return string(*e.p) }
func (e *enumValue[T]) Type() string   { return "string" }

func (e *enumValue[T]) Set(v string) error {
	if !slices.Contains(e.values, v) {
		return fmt.Errorf("want %s", orList(e.values))
	}
	*e.p = T(v)
	return nil
}

// orList writes values as "a, b or c".
func orList(values []string) string {
	if len(values) < 2 {
		return strings.Join(values, "")
	}
	return strings.Join(values[:len(values)-1], ", ") + " or " + values[len(values)-1]
}

// enumFlag defines a flag that takes one of values: it refuses any other
// with its own message (invalid argument "x" for "--sort" flag: want town
// or value), lists the values in the help and completes them.
func enumFlag[T ~string](cmd *cobra.Command, p *T, name string, def T, values []string, usage string) {
	*p = def
	cmd.Flags().Var(&enumValue[T]{p, values}, name, usage+": "+orList(values))
	_ = cmd.RegisterFlagCompletionFunc(name, func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return values, cobra.ShellCompDirectiveNoFileComp
	})
}

// formatFlag is enumFlag for --format.
func formatFlag(cmd *cobra.Command, p *string, def string, values ...string) {
	enumFlag(cmd, p, "format", def, values, "output format")
}

// filterFlags are the flags that choose reports, the same on every
// command that takes reports.
type filterFlags struct {
	towns, counties []string
	years           string
}

// addFilterFlags defines --town, --county and --year (--years is the same
// flag).
func addFilterFlags(cmd *cobra.Command, f *filterFlags) {
	cmd.Flags().StringArrayVar(&f.towns, "town", nil, "only reports of this town, with or without 镇/乡/街道 (repeatable)")
	cmd.Flags().StringArrayVar(&f.counties, "county", nil, "only reports of this county, with or without 县/区/市 (repeatable)")
	cmd.Flags().StringVar(&f.years, "year", "", "only reports of these years: 2024, 2021-2024 or 2021-")
	cmd.Flags().SetNormalizeFunc(func(_ *pflag.FlagSet, name string) pflag.NormalizedName {
		if name == "years" {
			name = "year"
		}
		return pflag.NormalizedName(name)
	})
}

// filter returns the filter the flags give.
func (f *filterFlags) filter() (extract.Filter, error) {
	from, to, err := parseYears(f.years)
	return extract.Filter{Towns: f.towns, Counties: f.counties, From: from, To: to}, err
}

// parseYears reads --year as extract.ParseYears does; a text it cannot
// read is a usage error.
func parseYears(s string) (from, to int, err error) {
	if from, to, err = extract.ParseYears(s); err != nil {
		return 0, 0, usagef("--year %v", err)
	}
	return from, to, nil
}

// addFollowLinksFlag defines --follow-links.
func addFollowLinksFlag(cmd *cobra.Command, p *bool) {
	cmd.Flags().BoolVar(p, "follow-links", false, "read the files that links inside the folders lead to outside them (skipped otherwise)")
}

// addIndexFlag defines --index.
func addIndexFlag(cmd *cobra.Command, p *string) {
	cmd.Flags().StringVar(p, "index", "", "index directory (default $"+index.EnvPath+" or ./"+index.DefaultPath+")")
}

// indexPath resolves where the index is: the flag, else $BAOGAO_INDEX,
// else ./baogao.index.
func indexPath(flag string) string {
	if flag != "" {
		return flag
	}
	if env := os.Getenv(index.EnvPath); env != "" {
		return env
	}
	return index.DefaultPath
}

// formatOfExt is the format a file's extension names.
var formatOfExt = map[string]string{".csv": "csv", ".json": "json", ".md": "md", ".markdown": "md", ".xlsx": "xlsx"}

// outputFormat decides the format of what a command writes: --format when
// given, else the extension of -o FILE, else def. A --format that
// disagrees with the extension is a usage error, and so is an extension
// that names a format the command does not write.
func outputFormat(cmd *cobra.Command, format, output, def string, allowed []string) (string, error) {
	ext := strings.ToLower(filepath.Ext(output))
	byExt, known := formatOfExt[ext]
	if known && !slices.Contains(allowed, byExt) {
		return "", usagef("-o %s: %s does not write %s; want %s", output, cmd.Name(), byExt, orList(allowed))
	}
	if cmd.Flags().Changed("format") {
		if known && byExt != format {
			return "", usagef("--format %s disagrees with -o %s; leave --format out, or name the file %s", format, output,
				strings.TrimSuffix(output, filepath.Ext(output))+"."+format)
		}
		return format, nil
	}
	if known {
		return byExt, nil
	}
	return def, nil
}

// tableWidth is the width tables and notes are fitted to: the terminal's,
// or PipedWidth when output is piped; 0 (no limit) with --wide.
func tableWidth(ios *IOStreams, wide bool, piped int) int {
	switch {
	case wide:
		return 0
	case ios.Width > 0:
		return ios.Width
	}
	return piped
}
