// Command baogao turns folders of township rule-of-law reports into figures
// a reviewer can trust. See `baogao --help`.
package main

import (
	"os"

	"baogao/cmd/baogao/cli"
)

func main() { os.Exit(cli.Main()) }
