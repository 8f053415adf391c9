package pipelinescheck

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	rbacv1 "k8s.io/api/rbac/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/yaml"

	"github.com/distill/distill/internal/manifest"
)

// kustomization is the part of kustomize's Kustomization that
// pipelines/kubernetes uses. kustomize's types are not in k8s.io/api; this
// struct is decoded strictly too, so a key it does not list is an error
// and has to be added here, on purpose.
type kustomization struct {
	APIVersion         string   `json:"apiVersion"`
	Kind               string   `json:"kind"`
	Namespace          string   `json:"namespace"`
	Resources          []string `json:"resources"`
	Images             []image  `json:"images"`
	ConfigMapGenerator []struct {
		Name  string   `json:"name"`
		Files []string `json:"files"`
	} `json:"configMapGenerator"`
	GeneratorOptions struct {
		DisableNameSuffixHash bool `json:"disableNameSuffixHash"`
	} `json:"generatorOptions"`
}

type image struct {
	Name    string `json:"name"`
	NewName string `json:"newName"`
	NewTag  string `json:"newTag"`
	Digest  string `json:"digest"`
}

// k8sObjects are the decoded manifests of pipelines/kubernetes.
type k8sObjects struct {
	kust      kustomization
	cronJob   *batchv1.CronJob
	shardsJob *batchv1.Job
	pvc       *corev1.PersistentVolumeClaim
	sa        *corev1.ServiceAccount
	role      *rbacv1.Role
	binding   *rbacv1.RoleBinding
}

// newObject returns an empty object of the official API type for an
// apiVersion and kind, or nil for a kind these pipelines do not use.
func newObject(tm metav1.TypeMeta) any {
	switch tm.APIVersion + " " + tm.Kind {
	case "batch/v1 CronJob":
		return &batchv1.CronJob{}
	case "batch/v1 Job":
		return &batchv1.Job{}
	case "v1 PersistentVolumeClaim":
		return &corev1.PersistentVolumeClaim{}
	case "v1 ServiceAccount":
		return &corev1.ServiceAccount{}
	case "v1 ConfigMap":
		return &corev1.ConfigMap{}
	case "rbac.authorization.k8s.io/v1 Role":
		return &rbacv1.Role{}
	case "rbac.authorization.k8s.io/v1 RoleBinding":
		return &rbacv1.RoleBinding{}
	}
	return nil
}

// decodeStrict decodes one YAML document into the API type its apiVersion
// and kind name. Unknown fields and duplicate keys are errors: a misspelt
// field would otherwise be dropped without a word by the API server's
// lenient decoding, and the CronJob would run without it.
func decodeStrict(doc []byte) (any, error) {
	var tm metav1.TypeMeta
	if err := yaml.Unmarshal(doc, &tm); err != nil {
		return nil, fmt.Errorf("read apiVersion and kind: %w", err)
	}
	obj := newObject(tm)
	if obj == nil {
		return nil, fmt.Errorf("apiVersion %q kind %q: not a type these pipelines should use", tm.APIVersion, tm.Kind)
	}
	if err := yaml.UnmarshalStrict(doc, obj); err != nil {
		return nil, fmt.Errorf("%s %s: %w", tm.APIVersion, tm.Kind, err)
	}
	return obj, nil
}

func loadKubernetes(t *testing.T) k8sObjects {
	t.Helper()
	var o k8sObjects
	if err := yaml.UnmarshalStrict(readFile(t, pipelinesDir("kubernetes", "kustomization.yaml")), &o.kust); err != nil {
		t.Fatalf("kustomization.yaml: %v", err)
	}
	files := slices.Clone(o.kust.Resources)
	files = append(files, "shards-job.yaml")
	for _, name := range files {
		for i, doc := range yamlDocuments(readFile(t, pipelinesDir("kubernetes", name))) {
			obj, err := decodeStrict(doc)
			if err != nil {
				t.Errorf("%s, document %d: %v", name, i+1, err)
				continue
			}
			switch v := obj.(type) {
			case *batchv1.CronJob:
				o.cronJob = v
			case *batchv1.Job:
				o.shardsJob = v
			case *corev1.PersistentVolumeClaim:
				o.pvc = v
			case *corev1.ServiceAccount:
				o.sa = v
			case *rbacv1.Role:
				o.role = v
			case *rbacv1.RoleBinding:
				o.binding = v
			}
		}
	}
	if t.Failed() {
		t.FailNow()
	}
	for what, missing := range map[string]bool{
		"CronJob": o.cronJob == nil, "shards Job": o.shardsJob == nil, "PersistentVolumeClaim": o.pvc == nil,
		"ServiceAccount": o.sa == nil, "Role": o.role == nil, "RoleBinding": o.binding == nil,
	} {
		if missing {
			t.Fatalf("pipelines/kubernetes has no %s", what)
		}
	}
	return o
}

func TestKubernetesManifestsDecodeStrictly(t *testing.T) {
	t.Parallel()
	loadKubernetes(t)
}

// TestStrictDecodingRejectsMistakes shows the decoding above is strict:
// a misspelt field, a field at the wrong level and a duplicate key in an
// otherwise valid manifest are all errors.
func TestStrictDecodingRejectsMistakes(t *testing.T) {
	t.Parallel()
	cron := string(readFile(t, pipelinesDir("kubernetes", "cronjob.yaml")))
	for name, edit := range map[string]func(string) string{
		"misspelt field": func(s string) string {
			return strings.Replace(s, "concurrencyPolicy:", "concurencyPolicy:", 1)
		},
		"field at the wrong level": func(s string) string {
			return strings.Replace(s, "  schedule:", "  completions: 4\n  schedule:", 1)
		},
		"duplicate key": func(s string) string {
			return strings.Replace(s, "  schedule:", "  timeZone: Etc/UTC\n  schedule:", 1)
		},
	} {
		bad := edit(cron)
		if bad == cron {
			t.Fatalf("%s: the edit changed nothing; update the test to the manifest", name)
		}
		if _, err := decodeStrict([]byte(bad)); err == nil {
			t.Errorf("%s: decoded without error", name)
		}
	}
}

func TestKustomizationNamesItsFiles(t *testing.T) {
	t.Parallel()
	var k kustomization
	if err := yaml.UnmarshalStrict(readFile(t, pipelinesDir("kubernetes", "kustomization.yaml")), &k); err != nil {
		t.Fatalf("kustomization.yaml: %v", err)
	}
	if k.APIVersion != "kustomize.config.k8s.io/v1beta1" || k.Kind != "Kustomization" {
		t.Errorf("kustomization.yaml: apiVersion %q kind %q", k.APIVersion, k.Kind)
	}
	named := map[string]bool{"kustomization.yaml": true}
	for _, r := range k.Resources {
		named[r] = true
	}
	for _, g := range k.ConfigMapGenerator {
		for _, f := range g.Files {
			named[f] = true
		}
	}
	for f := range named {
		if _, err := os.Stat(pipelinesDir("kubernetes", f)); err != nil {
			t.Errorf("kustomization.yaml names %s: %v", f, err)
		}
	}
	// A YAML file that kustomize does not apply is a file someone expects
	// to be deployed and is not.
	entries, err := os.ReadDir(pipelinesDir("kubernetes"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if ext := filepath.Ext(e.Name()); (ext == ".yaml" || ext == ".yml") && !named[e.Name()] {
			t.Errorf("%s is not named in kustomization.yaml", e.Name())
		}
	}
	if !k.GeneratorOptions.DisableNameSuffixHash {
		t.Error("the ConfigMaps are named inside shards-job.yaml, where kustomize cannot rename them: disableNameSuffixHash must be true")
	}
	if len(k.Images) != 1 || k.Images[0].Name != "distill" {
		t.Errorf("images: %+v, want one entry for the image named distill", k.Images)
	}
}

func TestInventoryIsAValidManifest(t *testing.T) {
	t.Parallel()
	setAll := func(string) (string, bool) { return "set-by-the-secret", true }
	if _, err := manifest.Parse(readFile(t, pipelinesDir("kubernetes", "inventory.yaml")), "inventory.yaml", setAll); err != nil {
		t.Errorf("inventory.yaml: %v", err)
	}
}

// TestShardsAndMergeAgree checks what no schema can: the parts of the
// CronJob, the shards' Job and the kustomization that must name the same
// things.
func TestShardsAndMergeAgree(t *testing.T) {
	t.Parallel()
	o := loadKubernetes(t)
	job := o.shardsJob.Spec
	launcher := o.cronJob.Spec.JobTemplate.Spec.Template.Spec

	if job.CompletionMode == nil || *job.CompletionMode != batchv1.IndexedCompletion {
		t.Errorf("the shards' Job must be Indexed: each pod's index is its shard")
	}
	if job.Completions == nil || job.Parallelism == nil {
		t.Fatal("the shards' Job must set completions and parallelism")
	}
	n := int(*job.Completions)
	shard := container(t, job.Template.Spec.Containers, "distill")
	merge := container(t, launcher.Containers, "merge")
	if int(*job.Parallelism) != n {
		t.Errorf("parallelism %d, completions %d: every shard should run at once", *job.Parallelism, n)
	}
	if got := envValue(shard, "SHARD_COUNT"); got != strconv.Itoa(n) {
		t.Errorf("SHARD_COUNT %q, completions %d", got, n)
	}
	if env := envVar(shard, "SHARD_INDEX"); env == nil || env.ValueFrom == nil || env.ValueFrom.FieldRef == nil ||
		env.ValueFrom.FieldRef.FieldPath != "metadata.annotations['batch.kubernetes.io/job-completion-index']" {
		t.Errorf("SHARD_INDEX must come from the pod's completion index annotation")
	}
	if got := flagValue(shard.Args, "--shard"); got != "$(SHARD_INDEX)/$(SHARD_COUNT)" {
		t.Errorf("--shard %q", got)
	}

	// Where the shards write is where the merge reads, in shard order.
	out := flagValue(shard.Args, "--out")
	if !strings.HasSuffix(out, "/$(SHARD_INDEX)") {
		t.Fatalf("--out %q of a shard must end in its index", out)
	}
	if len(merge.Args) < 2 || merge.Args[0] != "merge" {
		t.Fatalf("merge container args %q", merge.Args)
	}
	var dirs []string
	for _, a := range merge.Args[2:] {
		if strings.HasPrefix(a, "-") {
			break
		}
		dirs = append(dirs, a)
	}
	var want []string
	for i := range n {
		want = append(want, strings.TrimSuffix(out, "$(SHARD_INDEX)")+strconv.Itoa(i))
	}
	if !slices.Equal(dirs, want) {
		t.Errorf("the merge reads %q, the shards write %q", dirs, want)
	}
	if slices.Contains(want, merge.Args[1]) {
		t.Errorf("the merge writes into a shard's directory %s", merge.Args[1])
	}
	// Each shard writes the same directory every night: the merge must not
	// take a failed shard's last-night output for tonight's.
	if maxAge, err := time.ParseDuration(flagValue(merge.Args, "--max-age")); err != nil {
		t.Errorf("the merge needs --max-age: %v", err)
	} else if job.ActiveDeadlineSeconds == nil || maxAge <= time.Duration(*job.ActiveDeadlineSeconds)*time.Second || maxAge >= 24*time.Hour {
		t.Errorf("--max-age %s must exceed the shards' deadline and stay under the schedule's day", maxAge)
	}
	if a, b := flagValue(shard.Args, "--manifest"), flagValue(merge.Args, "--manifest"); a == "" || a != b {
		t.Errorf("the shards read manifest %q, the merge %q", a, b)
	}
	for _, c := range []corev1.Container{shard, merge} {
		if got := flagValue(c.Args, "--log-format"); got != "json" {
			t.Errorf("container %s logs as %q, want json (one event per line)", c.Name, got)
		}
	}

	// The volumes name the claim and the ConfigMaps this directory makes.
	generated := map[string]bool{}
	for _, g := range o.kust.ConfigMapGenerator {
		generated[g.Name] = true
	}
	for what, spec := range map[string]corev1.PodSpec{"shards": job.Template.Spec, "launcher": launcher} {
		for _, v := range spec.Volumes {
			if v.PersistentVolumeClaim != nil && v.PersistentVolumeClaim.ClaimName != o.pvc.Name {
				t.Errorf("%s: volume %s claims %s, the claim is %s", what, v.Name, v.PersistentVolumeClaim.ClaimName, o.pvc.Name)
			}
			if v.ConfigMap != nil && !generated[v.ConfigMap.Name] {
				t.Errorf("%s: volume %s names ConfigMap %s, which kustomization.yaml does not make", what, v.Name, v.ConfigMap.Name)
			}
		}
		sc := spec.SecurityContext
		if sc == nil || sc.RunAsNonRoot == nil || !*sc.RunAsNonRoot || sc.RunAsUser == nil {
			t.Errorf("%s: the pod must run as non-root with a fixed user", what)
		} else if got, want := strconv.FormatInt(*sc.RunAsUser, 10), dockerfileUID(t); got != want {
			t.Errorf("%s: runAsUser %s, the image's user %s", what, got, want)
		}
		if spec.RestartPolicy != corev1.RestartPolicyNever {
			t.Errorf("%s: restartPolicy %q: a Job's retries are the Job's, not the kubelet's", what, spec.RestartPolicy)
		}
		for _, c := range append(slices.Clone(spec.InitContainers), spec.Containers...) {
			if c.Resources.Requests.Memory().IsZero() || c.Resources.Limits.Memory().IsZero() {
				t.Errorf("%s: container %s needs a memory request and limit", what, c.Name)
			} else if c.Resources.Limits.Memory().Cmp(*c.Resources.Requests.Memory()) < 0 {
				t.Errorf("%s: container %s: memory limit below the request", what, c.Name)
			}
			if c.SecurityContext == nil || c.SecurityContext.AllowPrivilegeEscalation == nil || *c.SecurityContext.AllowPrivilegeEscalation {
				t.Errorf("%s: container %s must not allow privilege escalation", what, c.Name)
			}
		}
	}
	if !slices.Contains(o.pvc.Spec.AccessModes, corev1.ReadWriteMany) {
		t.Errorf("the shards run on several nodes at once: the claim must be ReadWriteMany")
	}

	// The pod failure policy reads distill's exit codes (cmd/distill/run.go):
	// 2 usage fails the Job, 1 findings fails only that index.
	wantAction := map[int32]batchv1.PodFailurePolicyAction{2: batchv1.PodFailurePolicyActionFailJob, 1: batchv1.PodFailurePolicyActionFailIndex}
	if job.PodFailurePolicy == nil || job.BackoffLimitPerIndex == nil {
		t.Fatal("the shards' Job needs a pod failure policy and a per-index backoff limit")
	}
	for _, r := range job.PodFailurePolicy.Rules {
		if r.OnExitCodes == nil {
			continue
		}
		if r.OnExitCodes.ContainerName == nil || *r.OnExitCodes.ContainerName != shard.Name {
			t.Errorf("a pod failure rule names no container or another one than %s", shard.Name)
		}
		for _, code := range r.OnExitCodes.Values {
			if wantAction[code] != r.Action {
				t.Errorf("exit code %d: action %s, want %s", code, r.Action, wantAction[code])
			}
			delete(wantAction, code)
		}
	}
	if len(wantAction) > 0 {
		t.Errorf("the pod failure policy lacks rules for exit codes %v", wantAction)
	}

	// The launcher: its script relies on the container names, the mounted
	// Job file and the permissions of its Role.
	if len(launcher.InitContainers) != 1 {
		t.Fatalf("the launcher has %d init containers, want 1 (it starts and waits for the shards)", len(launcher.InitContainers))
	}
	script := strings.Join(launcher.InitContainers[0].Command, "\n")
	for _, want := range []string{`name=="merge"`, "distill=", "/etc/distill/shards/shards-job.yaml", "Complete", "Failed"} {
		if !strings.Contains(script, want) {
			t.Errorf("the launcher script lacks %q", want)
		}
	}
	if launcher.ServiceAccountName != o.sa.Name || o.binding.RoleRef.Name != o.role.Name ||
		len(o.binding.Subjects) != 1 || o.binding.Subjects[0].Name != o.sa.Name || o.binding.Subjects[0].Namespace != o.kust.Namespace {
		t.Errorf("the launcher's service account, Role and RoleBinding do not name each other")
	}
	for _, need := range []struct{ group, resource, verb string }{
		{"batch", "jobs", "create"}, {"batch", "jobs", "get"}, {"", "pods", "get"},
	} {
		if !roleAllows(o.role, need.group, need.resource, need.verb) {
			t.Errorf("the launcher's Role does not allow %s %s/%s", need.verb, need.group, need.resource)
		}
	}
	if o.cronJob.Spec.ConcurrencyPolicy != batchv1.ForbidConcurrent {
		t.Errorf("two nights at once would share the volume: concurrencyPolicy must be Forbid")
	}
}

func container(t *testing.T, cs []corev1.Container, name string) corev1.Container {
	t.Helper()
	for _, c := range cs {
		if c.Name == name {
			return c
		}
	}
	t.Fatalf("no container named %s", name)
	return corev1.Container{}
}

func envVar(c corev1.Container, name string) *corev1.EnvVar {
	for i := range c.Env {
		if c.Env[i].Name == name {
			return &c.Env[i]
		}
	}
	return nil
}

func envValue(c corev1.Container, name string) string {
	if e := envVar(c, name); e != nil {
		return e.Value
	}
	return ""
}

// flagValue returns the argument after flag in args, or "".
func flagValue(args []string, flag string) string {
	for i, a := range args {
		if a == flag && i+1 < len(args) {
			return args[i+1]
		}
	}
	return ""
}

func roleAllows(r *rbacv1.Role, group, resource, verb string) bool {
	for _, rule := range r.Rules {
		if slices.Contains(rule.APIGroups, group) && slices.Contains(rule.Resources, resource) && slices.Contains(rule.Verbs, verb) {
			return true
		}
	}
	return false
}

// dockerfileUID is the numeric user the image runs as (its USER line).
func dockerfileUID(t *testing.T) string {
	t.Helper()
	m := regexp.MustCompile(`(?m)^USER ([0-9]+)(:[0-9]+)?$`).FindSubmatch(readFile(t, pipelinesDir("kubernetes", "Dockerfile")))
	if m == nil {
		t.Fatal("the Dockerfile has no numeric USER line")
	}
	return string(m[1])
}
