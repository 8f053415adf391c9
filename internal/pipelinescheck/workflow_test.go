package pipelinescheck

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	yaml3 "go.yaml.in/yaml/v3"
)

const workflowSchema = "testdata/github-workflow-schema/github-workflow.json"

// compileWorkflowSchema compiles the vendored SchemaStore schema. Its $id is
// https://json.schemastore.org/github-workflow.json and it refers only to
// itself and the draft-07 meta-schema, which the library carries: nothing
// is fetched.
func compileWorkflowSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(readFile(t, workflowSchema)))
	if err != nil {
		t.Fatalf("read %s: %v", workflowSchema, err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("github-workflow.json", doc); err != nil {
		t.Fatalf("add %s: %v", workflowSchema, err)
	}
	s, err := c.Compile("github-workflow.json")
	if err != nil {
		t.Fatalf("compile %s: %v", workflowSchema, err)
	}
	return s
}

// workflowJSON reads a workflow as the JSON value the schema judges. YAML
// 1.2 (go.yaml.in/yaml/v3) as GitHub reads it: under YAML 1.1 the key
// "on" would be the boolean true.
func workflowJSON(data []byte) (any, error) {
	var v any
	if err := yaml3.Unmarshal(data, &v); err != nil {
		return nil, fmt.Errorf("parse YAML: %w", err)
	}
	j, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("as JSON: %w", err)
	}
	out, err := jsonschema.UnmarshalJSON(bytes.NewReader(j))
	if err != nil {
		return nil, fmt.Errorf("read JSON: %w", err)
	}
	return out, nil
}

func TestWorkflowMatchesSchema(t *testing.T) {
	t.Parallel()
	schema := compileWorkflowSchema(t)
	v, err := workflowJSON(readFile(t, pipelinesDir("github-actions", "distill.yml")))
	if err != nil {
		t.Fatalf("distill.yml: %v", err)
	}
	if err := schema.Validate(v); err != nil {
		t.Errorf("distill.yml does not match the GitHub Actions workflow schema:\n%v", err)
	}
}

// TestWorkflowSchemaRejectsMistakes shows the schema is in force: a
// misspelt job key and a misplaced step key are both rejected.
func TestWorkflowSchemaRejectsMistakes(t *testing.T) {
	t.Parallel()
	schema := compileWorkflowSchema(t)
	wf := string(readFile(t, pipelinesDir("github-actions", "distill.yml")))
	for name, bad := range map[string]string{
		"misspelt job key":    strings.Replace(wf, "    runs-on: ubuntu-24.04\n    timeout-minutes: 360", "    runs-on: ubuntu-24.04\n    timeout-minuets: 360", 1),
		"strategy in a step":  strings.Replace(wf, "      - uses: actions/checkout@v4\n", "      - uses: actions/checkout@v4\n        strategy: {}\n", 1),
		"schedule not a list": strings.Replace(wf, "  schedule:\n    - cron: \"30 2 * * *\"", "  schedule:\n    cron: \"30 2 * * *\"", 1),
	} {
		if bad == wf {
			t.Fatalf("%s: the edit changed nothing; update the test to the workflow", name)
		}
		v, err := workflowJSON([]byte(bad))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if schema.Validate(v) == nil {
			t.Errorf("%s: accepted by the schema", name)
		}
	}
}

// workflow is the part of the workflow the agreement checks read.
type workflow struct {
	Env  map[string]string `yaml:"env"`
	Jobs map[string]struct {
		Needs    any    `yaml:"needs"`
		If       string `yaml:"if"`
		Strategy struct {
			FailFast *bool `yaml:"fail-fast"`
			Matrix   struct {
				Shard []int `yaml:"shard"`
			} `yaml:"matrix"`
		} `yaml:"strategy"`
		Steps []struct {
			Name string            `yaml:"name"`
			Uses string            `yaml:"uses"`
			Run  string            `yaml:"run"`
			With map[string]any    `yaml:"with"`
			Env  map[string]string `yaml:"env"`
		} `yaml:"steps"`
	} `yaml:"jobs"`
}

// TestWorkflowShardsAndMergeAgree checks what the schema cannot: the shard
// count, the matrix and the merge's directories agree, the merge runs
// after failed shards, the token reaches only the shards' run step, and
// every job builds with go.mod's Go.
func TestWorkflowShardsAndMergeAgree(t *testing.T) {
	t.Parallel()
	data := readFile(t, pipelinesDir("github-actions", "distill.yml"))
	var wf workflow
	if err := yaml3.Unmarshal(data, &wf); err != nil {
		t.Fatalf("distill.yml: %v", err)
	}
	n, err := strconv.Atoi(wf.Env["SHARDS"])
	if err != nil || n < 1 {
		t.Fatalf("env SHARDS %q: want a positive count", wf.Env["SHARDS"])
	}
	shard, merge := wf.Jobs["shard"], wf.Jobs["merge"]
	want := make([]int, n)
	for i := range want {
		want[i] = i
	}
	if !slices.Equal(shard.Strategy.Matrix.Shard, want) {
		t.Errorf("matrix shard %v, want %v (SHARDS=%d)", shard.Strategy.Matrix.Shard, want, n)
	}
	if shard.Strategy.FailFast == nil || *shard.Strategy.FailFast {
		t.Error("fail-fast must be false: one failing shard must not cancel the others")
	}
	if !strings.Contains(merge.If, "!cancelled()") {
		t.Errorf("the merge must run after failed shards too (if: !cancelled()), has if: %q", merge.If)
	}
	mergeRun := ""
	for _, s := range merge.Steps {
		if strings.Contains(s.Run, "distill merge") {
			mergeRun = s.Run
		}
	}
	var dirs []string
	for i := range n {
		dirs = append(dirs, "shards/distill-shard-"+strconv.Itoa(i))
	}
	if !strings.Contains(strings.Join(strings.Fields(mergeRun), " "), "distill merge out "+strings.Join(dirs, " ")+" ") {
		t.Errorf("the merge step does not read %v:\n%s", dirs, mergeRun)
	}
	goVersion := goModVersion(t)
	secretRef := regexp.MustCompile(`\$\{\{\s*secrets\.`)
	for name, job := range wf.Jobs {
		for _, s := range job.Steps {
			if strings.HasPrefix(s.Uses, "actions/setup-go@") && fmt.Sprint(s.With["go-version"]) != goVersion {
				t.Errorf("job %s sets up Go %v, go.mod names %s", name, s.With["go-version"], goVersion)
			}
			if strings.HasPrefix(s.Uses, "actions/upload-artifact@") && fmt.Sprint(s.With["path"]) != "distill.jsonl" &&
				fmt.Sprint(s.With["path"]) != "distill-merge.jsonl" && s.With["include-hidden-files"] != true {
				t.Errorf("job %s uploads %v without its hidden .distill/ state (include-hidden-files: true)", name, s.With["path"])
			}
			holdsSecret := false
			for _, v := range s.Env {
				holdsSecret = holdsSecret || secretRef.MatchString(v)
			}
			if holdsSecret && !(name == "shard" && strings.Contains(s.Run, "distill run --shard")) {
				t.Errorf("job %s step %q is given a secret: only the shards' run step needs the git token", name, s.Name)
			}
			if secretRef.MatchString(s.Run) {
				t.Errorf("job %s step %q puts a secret in its script; pass it through env", name, s.Name)
			}
		}
	}
}
