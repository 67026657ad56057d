package cli

import (
	"github.com/spf13/cobra"

	"baogao/extract"
	"baogao/render"
)

// IndicatorsOptions are the flags of baogao indicators.
type IndicatorsOptions struct {
	IO        *IOStreams
	Format    string
	Catalogue string
	Dump      bool
}

// NewCmdIndicators builds baogao indicators.
func NewCmdIndicators(f *Factory, runF func(*IndicatorsOptions) error) *cobra.Command {
	opts := &IndicatorsOptions{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "indicators",
		Short: "List the indicators baogao reads, with their labels, synonyms and units",
		Long: `Lists the indicator catalogue: each indicator's ID, its Chinese label, the
synonyms compare accepts for it, the units its values take, whether it is a
count or a rate, and where it comes from: built in, or your own catalogue
file (--catalogue, or $BAOGAO_CATALOGUE). Every name listed is a TERM that
compare understands.

--dump writes the built-in catalogue as a catalogue file (TOML), a starting
point for your own; see the README, "Your own indicators".`,
		Example: `  baogao indicators
  baogao indicators --catalogue mine.toml --format json
  baogao indicators --dump > mine.toml`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return indicatorsRun(opts)
		},
	}
	formatFlag(cmd, &opts.Format, "table", "table", "json")
	addCatalogueFlag(cmd, &opts.Catalogue)
	cmd.Flags().BoolVar(&opts.Dump, "dump", false, "write the built-in catalogue as a TOML catalogue file")
	return cmd
}

func indicatorsRun(opts *IndicatorsOptions) error {
	if opts.Dump {
		data, err := extract.DefaultCatalogue.DumpTOML()
		if err != nil {
			return err
		}
		_, err = opts.IO.Out.Write(data)
		return err
	}
	cat, err := loadCatalogue(opts.Catalogue)
	if err != nil {
		return err
	}
	if opts.Format == "json" {
		return render.IndicatorsJSON(opts.IO.Out, cat)
	}
	return render.Indicators(opts.IO.Out, cat)
}
