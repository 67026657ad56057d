package cli

import (
	"github.com/spf13/cobra"

	"baogao/extract"
	"baogao/render"
)

// IndicatorsOptions are the flags of baogao indicators.
type IndicatorsOptions struct {
	IO     *IOStreams
	Format string
}

// NewCmdIndicators builds baogao indicators.
func NewCmdIndicators(f *Factory, runF func(*IndicatorsOptions) error) *cobra.Command {
	opts := &IndicatorsOptions{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "indicators",
		Short: "List the indicators baogao reads, with their labels, synonyms and units",
		Long: `Lists the indicator catalogue: each indicator's ID, its Chinese label, the
synonyms compare accepts for it, the units its values take, and whether it
is a count or a rate. Every name listed is a TERM that compare understands.`,
		Example: `  baogao indicators
  baogao indicators --format json`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			if opts.Format == "json" {
				return render.IndicatorsJSON(opts.IO.Out, extract.DefaultCatalogue)
			}
			return render.Indicators(opts.IO.Out, extract.DefaultCatalogue)
		},
	}
	formatFlag(cmd, &opts.Format, "table", "table", "json")
	return cmd
}
