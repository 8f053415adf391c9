// Package manifest decodes and validates the manifest that tells distill
// which repositories and services to read.
//
// A manifest is a YAML file (see configs/manifest.example.yaml for a
// documented example). Parse decodes it into a yaml.Node tree, so that every
// problem can name the line and column it comes from, and then checks it in a
// single pass that collects every problem instead of stopping at the first:
// syntax, unknown keys, wrong types, missing fields, duplicate or malformed
// names, unsafe service paths, unsupported or credential-bearing URLs, auth
// settings that hold secrets instead of naming environment variables, unset
// environment variables, quorum forms, glob patterns, sizes and durations.
// All of that happens before anything is cloned, so a bad manifest costs the
// user one run, not one run per mistake.
//
// The result is a *Manifest whose repositories carry their effective settings
// (manifest defaults, then built-in defaults, already applied), or a
// *ValidationError listing every problem as file:line:col: message. Any
// manifest problem matches ErrInvalid with errors.Is.
//
// Secrets never appear in errors: URLs are shown with their user information
// redacted, values of auth settings are never echoed, and the values of the
// environment variables named by the manifest are only checked for presence.
//
// The package also holds the glob matcher (Match, ValidGlob, CompileGlob) used
// for include and exclude patterns, so that validation here and selection in
// the source package agree on what a pattern means.
package manifest
