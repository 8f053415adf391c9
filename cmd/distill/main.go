// Command distill turns Python and TypeScript services into Allium
// behavioural specifications, compares variant implementations and writes a
// Parquet inventory. Run `distill help` for the commands.
package main

import (
	"context"
	"os"
)

func main() { os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr)) }
