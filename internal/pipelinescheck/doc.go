// Package pipelinescheck holds no code, only tests: they check the
// definitions under pipelines/ the way code is checked, so that a
// scheduled run breaks in CI rather than at 02:30 on a user's cluster.
//
//   - Kubernetes: every manifest decodes strictly into the official API
//     types (k8s.io/api; unknown or duplicate fields are errors), the
//     kustomization names only files that exist, and the parts that must
//     agree do (the shard count in four places, the volume paths, the
//     container names the launcher relies on, the exit codes the pod
//     failure policy reads).
//   - Docker: the image's binary is built by the script the Dockerfile
//     runs, with the Go version the Dockerfile names, and is static.
//   - GitHub Actions: the workflow validates against SchemaStore's
//     published workflow schema (vendored in testdata with its licence),
//     and its shard matrix agrees with its merge.
//   - cron and systemd: systemd-analyze verify accepts the units (the test
//     says so and skips where the tool is missing), and the crontab line
//     has five schedule fields and runs distill quietly.
package pipelinescheck
