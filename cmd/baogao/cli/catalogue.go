package cli

import (
	"errors"
	"os"

	"github.com/spf13/cobra"

	"baogao/extract"
)

// catalogueEnv names the catalogue file when --catalogue does not.
const catalogueEnv = "BAOGAO_CATALOGUE"

// addCatalogueFlag defines --catalogue FILE, whose default is
// $BAOGAO_CATALOGUE.
func addCatalogueFlag(cmd *cobra.Command, p *string) {
	cmd.Flags().StringVar(p, "catalogue", os.Getenv(catalogueEnv),
		"a TOML file of indicators of your own, laid over the built-in ones (default $"+catalogueEnv+")")
}

// builtInCatalogue, as --catalogue of ingest, reads an index again with
// the built-in catalogue alone.
const builtInCatalogue = "built-in"

// loadCatalogue reads the catalogue file path over the built-in catalogue;
// "" is the built-in catalogue. A mistake in the file is a usage error
// naming its line; a file that cannot be read is a plain failure.
func loadCatalogue(path string) (*extract.Catalogue, error) {
	if path == "" || path == builtInCatalogue {
		return extract.DefaultCatalogue, nil
	}
	cat, err := extract.LoadCatalogue(path)
	var ce *extract.CatalogueError
	if errors.As(err, &ce) {
		return nil, usageError{err}
	}
	return cat, err
}
