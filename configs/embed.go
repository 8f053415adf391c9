// Package configs holds the configuration files that ship inside the distill
// binary, so that `distill run` works with no flags and so that the shipped
// examples are the same bytes the tests check.
package configs

import _ "embed"

// ExampleManifest is manifest.example.yaml: the manifest `distill run` uses
// when no --manifest is given. It reads the fixture services under
// testdata/services, with local paths relative to the repository root, and
// documents every manifest key in its comments.
//
//go:embed manifest.example.yaml
var ExampleManifest []byte

// Patterns is patterns.yaml: the default pattern catalog (what counts as an
// ORM model, an email sender, an auth decorator, a clock call...).
//
//go:embed patterns.yaml
var Patterns []byte
