package manifest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"go.yaml.in/yaml/v3"
)

// maxNodeVisits bounds the work of one decode. Aliases can make a small
// document expand into a huge one ("billion laughs"); the schema's fixed
// depth keeps recursion finite, and this keeps the breadth finite too.
const maxNodeVisits = 100_000

// maxNameLength keeps names usable as file names everywhere.
const maxNameLength = 100

var (
	namePattern    = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]*$`)
	envNamePattern = regexp.MustCompile(`^[A-Z_][A-Z0-9_]*$`)
	yamlLinePrefix = regexp.MustCompile(`^yaml: line (\d+): `)
)

// The keys each mapping accepts, in the order the documentation gives them.
var (
	manifestKeys = []string{"version", "defaults", "groups", "repos"}
	defaultsKeys = []string{"ref", "depth", "include", "exclude", "max_file_size", "timeout"}
	groupKeys    = []string{"name", "quorum"}
	repoKeys     = []string{"name", "url", "ref", "auth", "services", "depth", "include", "exclude", "max_file_size", "timeout"}
	authKeys     = []string{"token_env", "ssh_key_env"}
	serviceKeys  = []string{"name", "path", "language", "group", "exclude"}
)

// literalSecretKeys are auth keys people write when they paste a secret
// instead of naming an environment variable, with the key they meant.
var literalSecretKeys = map[string]string{
	"token":        "token_env",
	"access_token": "token_env",
	"api_token":    "token_env",
	"password":     "token_env",
	"secret":       "token_env",
	"username":     "token_env",
	"user":         "token_env",
	"ssh_key":      "ssh_key_env",
	"private_key":  "ssh_key_env",
	"key":          "ssh_key_env",
	"passphrase":   "ssh_key_env",
}

// decoder walks the yaml.Node tree, collecting problems as it goes.
type decoder struct {
	file      string
	lookupEnv func(string) (string, bool)
	problems  []Problem
	visits    int
	exhausted bool
	// groupRefs are the services' group references, checked once every
	// group is known.
	groupRefs []groupRef
}

type groupRef struct {
	name string
	node *yaml.Node
	what string // the service, for the message
}

// entry is a key and its value in a mapping; both are nil when absent.
type entry struct {
	key, val *yaml.Node
}

func (e entry) present() bool { return e.val != nil && !isNull(e.val) }

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

func (d *decoder) problemAt(line, col int, format string, args ...any) {
	d.problems = append(d.problems, Problem{File: d.file, Line: line, Col: col, Msg: fmt.Sprintf(format, args...)})
}

func (d *decoder) problem(n *yaml.Node, format string, args ...any) {
	if n == nil {
		d.problemAt(0, 0, format, args...)
		return
	}
	d.problemAt(n.Line, n.Column, format, args...)
}

// resolve follows aliases to the node they name and charges the visit to
// the budget. It returns nil once the budget is spent.
func (d *decoder) resolve(n *yaml.Node) *yaml.Node {
	if d.exhausted || n == nil {
		return nil
	}
	d.visits++
	if d.visits > maxNodeVisits {
		d.exhausted = true
		d.problem(n, "manifest is too large or expands too many aliases (over %d nodes); split it", maxNodeVisits)
		return nil
	}
	for hops := 0; n.Kind == yaml.AliasNode; hops++ {
		if n.Alias == nil || hops > 64 {
			d.problem(n, "alias cannot be resolved")
			return nil
		}
		n = n.Alias
	}
	return n
}

// decode parses data and returns the manifest; problems are collected in d.
func (d *decoder) decode(data []byte) *Manifest {
	root := d.parseYAML(data)
	m := &Manifest{Version: SupportedVersion}
	if root == nil {
		return m
	}
	root = d.resolve(root)
	if root == nil {
		return m
	}
	if root.Kind != yaml.MappingNode {
		d.problem(root, "manifest must be a mapping with version and repos keys, got %s", kindName(root))
		return m
	}
	f, _ := d.fields(root, "manifest", manifestKeys, nil)
	switch v, ok := d.integer(f["version"], "version"); {
	case !f["version"].present():
		d.problem(root, "missing version; this distill reads version: %d", SupportedVersion)
	case ok && v != SupportedVersion:
		d.problem(f["version"].val, "unsupported manifest version %d; this distill reads version: %d", v, SupportedVersion)
	}
	m.Defaults = d.defaults(f["defaults"])
	m.Groups = d.groups(f["groups"])
	m.Repos = d.repos(root, f["repos"], m.Defaults)
	d.crossCheck(m)
	return m
}

// parseYAML returns the document's root node, or nil after recording why
// there is none. The manifest must be exactly one YAML document.
func (d *decoder) parseYAML(data []byte) *yaml.Node {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := safeDecode(dec, &doc); err != nil {
		if errors.Is(err, io.EOF) {
			d.problemAt(0, 0, "manifest is empty; it needs at least version: %d and repos", SupportedVersion)
		} else {
			d.syntaxProblem(err)
		}
		return nil
	}
	var next yaml.Node
	switch err := safeDecode(dec, &next); {
	case err == nil:
		d.problem(&next, "manifest holds more than one YAML document; put everything in the first")
	case !errors.Is(err, io.EOF):
		d.syntaxProblem(err)
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 {
		d.problem(&doc, "manifest is empty; it needs at least version: %d and repos", SupportedVersion)
		return nil
	}
	if isNull(doc.Content[0]) {
		d.problem(doc.Content[0], "manifest is empty; it needs at least version: %d and repos", SupportedVersion)
		return nil
	}
	return doc.Content[0]
}

// safeDecode decodes one document, turning a panic inside the YAML library
// into an error: a manifest is untrusted input and must never crash us.
func safeDecode(dec *yaml.Decoder, n *yaml.Node) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("yaml: the YAML parser failed on this input: %v", r)
		}
	}()
	return dec.Decode(n)
}

// parserProblems are the problems the YAML library's parser (as opposed to
// its scanner) reports. For these it prints a 0-based line: that of the
// construct being parsed, else that of the problem, and no line at all when
// that is 0. The scanner's lines are 1-based. The syntax fixtures pin this
// down, so a library upgrade that changes it fails the tests.
var parserProblems = []string{
	"did not find expected ',' or ']'",
	"did not find expected ',' or '}'",
	"did not find expected '-' indicator",
	"did not find expected <document start>",
	"did not find expected <stream-start>",
	"did not find expected key",
	"did not find expected node content",
	"found duplicate %TAG directive",
	"found duplicate %YAML directive",
	"found incompatible YAML document",
	"found undefined tag handle",
}

func (d *decoder) syntaxProblem(err error) {
	msg := err.Error()
	line := 0
	if m := yamlLinePrefix.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = msg[len(m[0]):]
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	if slices.Contains(parserProblems, msg) {
		line++
	}
	d.problemAt(line, 0, "YAML syntax error: %s", msg)
}

// fields checks that n is a mapping whose keys are all known and returns the
// entries by key. unknown, if not nil, gets the first look at an unknown key
// and returns true when it has reported it.
// When n is not a mapping, it reports that alone and returns false: the
// missing keys of something that is not a mapping at all are not news.
func (d *decoder) fields(n *yaml.Node, what string, known []string, unknown func(key *yaml.Node) bool) (map[string]entry, bool) {
	out := make(map[string]entry, len(known))
	if n.Kind != yaml.MappingNode {
		d.problem(n, "%s must be a mapping, got %s", what, kindName(n))
		return out, false
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		key := d.resolve(n.Content[i])
		if key == nil {
			return out, true
		}
		if key.Kind != yaml.ScalarNode {
			d.problem(key, "%s: keys must be plain words, got %s", what, kindName(key))
			continue
		}
		name := key.Value
		if key.ShortTag() == "!!merge" {
			d.problem(key, "%s: merge keys (<<) are not supported; repeat the settings or move them to defaults", what)
			continue
		}
		if !slices.Contains(known, name) {
			if unknown == nil || !unknown(key) {
				d.problem(key, "%s: unknown key %s%s; known keys: %s", what, showKey(name), suggest(name, known), strings.Join(known, ", "))
			}
			continue
		}
		if prev, dup := out[name]; dup {
			d.problem(key, "%s: duplicate key %q (first given at line %d)", what, name, prev.key.Line)
			continue
		}
		out[name] = entry{key: key, val: n.Content[i+1]}
	}
	return out, true
}

// value resolves an entry's value; it returns nil when the entry is absent,
// null, or past the budget.
func (d *decoder) value(e entry) *yaml.Node {
	if e.val == nil {
		return nil
	}
	v := d.resolve(e.val)
	if v == nil || isNull(v) {
		return nil
	}
	return v
}

// str reads a scalar as text. Any scalar is accepted, as the YAML library
// itself does for strings, so that a ref like 2024 or a name like 42 works
// without quotes.
func (d *decoder) str(e entry, what string) (string, bool) {
	v := d.value(e)
	if v == nil {
		return "", false
	}
	if v.Kind != yaml.ScalarNode {
		d.problem(v, "%s must be a string, got %s", what, kindName(v))
		return "", false
	}
	return v.Value, true
}

func (d *decoder) integer(e entry, what string) (int64, bool) {
	v := d.value(e)
	if v == nil {
		return 0, false
	}
	if v.Kind != yaml.ScalarNode || v.ShortTag() != "!!int" {
		d.problem(v, "%s must be an integer, got %s", what, kindName(v))
		return 0, false
	}
	var n int64
	if err := v.Decode(&n); err != nil {
		d.problem(v, "%s is out of range", what)
		return 0, false
	}
	return n, true
}

func (d *decoder) strList(e entry, what string) ([]string, bool) {
	v := d.value(e)
	if v == nil {
		return nil, false
	}
	if v.Kind != yaml.SequenceNode {
		d.problem(v, "%s must be a list of strings, got %s", what, kindName(v))
		return nil, false
	}
	// An empty list decodes to nil, like an absent one, so that callers
	// compare and test lists one way.
	var out []string
	ok := true
	for i, item := range v.Content {
		item = d.resolve(item)
		if item == nil {
			return nil, false
		}
		if item.Kind != yaml.ScalarNode || isNull(item) {
			d.problem(item, "%s[%d] must be a string, got %s", what, i, kindName(item))
			ok = false
			continue
		}
		out = append(out, item.Value)
	}
	return out, ok
}

// globs reads a list of patterns and checks each one.
func (d *decoder) globs(e entry, what string) ([]string, bool) {
	list, ok := d.strList(e, what)
	if !ok {
		return nil, false
	}
	v := d.value(e)
	for i, p := range list {
		if err := ValidGlob(p); err != nil {
			d.problem(d.resolve(v.Content[i]), "%s[%d]: invalid pattern %q: %v", what, i, p, err)
			ok = false
		}
	}
	return list, ok
}

func (d *decoder) depth(e entry, what string) (int, bool) {
	n, ok := d.integer(e, what)
	if !ok {
		return 0, false
	}
	if n < 1 || n > math.MaxInt32 {
		d.problem(d.value(e), "%s must be at least 1 (1 clones only the latest commit), got %d", what, n)
		return 0, false
	}
	return int(n), true
}

func (d *decoder) timeout(e entry, what string) (time.Duration, bool) {
	v := d.value(e)
	if v == nil {
		return 0, false
	}
	if v.Kind != yaml.ScalarNode || v.ShortTag() != "!!str" {
		d.problem(v, "%s must be a duration with a unit, like 90s, 5m or 1h, got %s", what, kindName(v))
		return 0, false
	}
	t, err := time.ParseDuration(v.Value)
	if err != nil {
		d.problem(v, "%s %q is not a duration; write it like 90s, 5m or 1h30m", what, v.Value)
		return 0, false
	}
	if t <= 0 {
		d.problem(v, "%s must be positive, got %s", what, v.Value)
		return 0, false
	}
	return t, true
}

func (d *decoder) size(e entry, what string) (int64, bool) {
	v := d.value(e)
	if v == nil {
		return 0, false
	}
	var n int64
	switch {
	case v.Kind == yaml.ScalarNode && v.ShortTag() == "!!int":
		if err := v.Decode(&n); err != nil {
			d.problem(v, "%s is out of range", what)
			return 0, false
		}
	case v.Kind == yaml.ScalarNode && v.ShortTag() == "!!str":
		var err error
		if n, err = parseSize(v.Value); err != nil {
			d.problem(v, "%s %q: %v", what, v.Value, err)
			return 0, false
		}
	default:
		d.problem(v, "%s must be a number of bytes or a size like 1MiB, got %s", what, kindName(v))
		return 0, false
	}
	if n <= 0 {
		d.problem(v, "%s must be positive, got %s", what, v.Value)
		return 0, false
	}
	return n, true
}

func (d *decoder) ref(e entry, what string) string {
	r, ok := d.str(e, what)
	if !ok {
		return ""
	}
	if err := checkRef(r); err != nil {
		d.problem(d.value(e), "%s %q is not a valid branch, tag or commit: %v", what, r, err)
	}
	return r
}

// checkRef rejects what git would reject in a ref name, plus a leading dash,
// which a git command line would take for an option.
func checkRef(r string) error {
	switch {
	case r == "":
		return errors.New("it is empty")
	case strings.HasPrefix(r, "-"):
		return errors.New("it starts with -")
	case strings.ContainsFunc(r, func(c rune) bool { return c <= ' ' || c == 0x7f || strings.ContainsRune("~^:?*[\\", c) }):
		return errors.New(`it contains a space, a control character or one of ~^:?*[\`)
	case strings.Contains(r, "..") || strings.Contains(r, "@{") || strings.Contains(r, "//"):
		return errors.New(`it contains "..", "@{" or "//"`)
	case strings.HasSuffix(r, "/") || strings.HasSuffix(r, ".") || strings.HasSuffix(r, ".lock"):
		return errors.New(`it ends with "/", "." or ".lock"`)
	}
	return nil
}

func (d *decoder) defaults(e entry) Defaults {
	def := Defaults{
		Depth:       DefaultDepth,
		Include:     DefaultInclude(),
		Exclude:     DefaultExclude(),
		MaxFileSize: DefaultMaxFileSize,
		Timeout:     DefaultTimeout,
	}
	v := d.value(e)
	if v == nil {
		return def
	}
	f, _ := d.fields(v, "defaults", defaultsKeys, nil)
	def.Ref = d.ref(f["ref"], "defaults.ref")
	if n, ok := d.depth(f["depth"], "defaults.depth"); ok {
		def.Depth = n
	}
	if list, ok := d.globs(f["include"], "defaults.include"); ok {
		def.Include = list
		if len(list) == 0 {
			d.problem(d.value(f["include"]), "defaults.include is empty, so no file would be read; leave it out to use the built-in patterns")
		}
	}
	if list, ok := d.globs(f["exclude"], "defaults.exclude"); ok {
		def.Exclude = list
	}
	if n, ok := d.size(f["max_file_size"], "defaults.max_file_size"); ok {
		def.MaxFileSize = n
	}
	if t, ok := d.timeout(f["timeout"], "defaults.timeout"); ok {
		def.Timeout = t
	}
	return def
}

// positioned remembers where a name was written, for duplicate checks.
type positioned struct {
	name string
	node *yaml.Node
}

func (d *decoder) groups(e entry) []Group {
	v := d.value(e)
	if v == nil {
		return nil
	}
	if v.Kind != yaml.SequenceNode {
		d.problem(v, "groups must be a list, got %s", kindName(v))
		return nil
	}
	var out []Group
	var names []positioned
	for i, item := range v.Content {
		item = d.resolve(item)
		if item == nil {
			break
		}
		what := fmt.Sprintf("groups[%d]", i)
		g := Group{Line: item.Line, Quorum: Quorum{All: true}}
		f, ok := d.fields(item, what, groupKeys, nil)
		if !ok {
			out = append(out, g)
			continue
		}
		if name, node, ok := d.name(item, f["name"], what); ok {
			g.Name = name
			names = append(names, positioned{name, node})
			what = fmt.Sprintf("group %q", name)
		}
		if q := d.value(f["quorum"]); q != nil {
			if quorum, err := parseQuorum(q); err != nil {
				d.problem(q, "%s: quorum %v", what, err)
			} else {
				g.Quorum = quorum
			}
		}
		out = append(out, g)
	}
	d.duplicates(names, "group")
	return out
}

// parseQuorum reads "all", an integer count >= 1, or a fraction in (0, 1].
func parseQuorum(n *yaml.Node) (Quorum, error) {
	const forms = `must be "all", a number of variants (1, 2, ...) or a fraction of them (0.5, 0.75, 1.0)`
	if n.Kind != yaml.ScalarNode {
		return Quorum{}, fmt.Errorf("%s, got %s", forms, kindName(n))
	}
	switch n.ShortTag() {
	case "!!str":
		if n.Value == "all" {
			return Quorum{All: true}, nil
		}
		return Quorum{}, fmt.Errorf("%s, got %q", forms, n.Value)
	case "!!int":
		var c int64
		if err := n.Decode(&c); err != nil || c < 1 || c > math.MaxInt32 {
			return Quorum{}, fmt.Errorf("%s; a count must be at least 1, got %s", forms, n.Value)
		}
		return Quorum{Count: int(c)}, nil
	case "!!float":
		var f float64
		if err := n.Decode(&f); err != nil || math.IsNaN(f) || f <= 0 || f > 1 {
			return Quorum{}, fmt.Errorf("%s; a fraction must be more than 0 and at most 1, got %s", forms, n.Value)
		}
		return Quorum{Fraction: f}, nil
	}
	return Quorum{}, fmt.Errorf("%s, got %s", forms, kindName(n))
}

// name reads a required name and checks that it is usable as a file name.
// It returns the value node for duplicate reports.
func (d *decoder) name(parent *yaml.Node, e entry, what string) (string, *yaml.Node, bool) {
	name, ok := d.str(e, what+".name")
	if !ok {
		if !e.present() {
			d.problem(parent, "%s: missing name", what)
		}
		return "", nil, false
	}
	node := d.value(e)
	if len(name) > maxNameLength || !namePattern.MatchString(name) {
		d.problem(node, "%s: name %q must be lower-case letters, digits, '.', '_' or '-', start with a letter or digit and be at most %d long (it becomes a file name)", what, name, maxNameLength)
		return "", nil, false
	}
	return name, node, true
}

func (d *decoder) duplicates(names []positioned, kind string) {
	first := make(map[string]*yaml.Node, len(names))
	for _, n := range names {
		if prev, dup := first[n.name]; dup {
			d.problem(n.node, "duplicate %s name %q (first used at line %d)", kind, n.name, prev.Line)
			continue
		}
		first[n.name] = n.node
	}
}

// repoAuth keeps where auth values were written, for the checks that need
// the URL's transport.
type repoAuth struct {
	tokenNode, sshKeyNode *yaml.Node
}

func (d *decoder) repos(root *yaml.Node, e entry, def Defaults) []Repo {
	v := d.value(e)
	if v == nil {
		d.problem(root, "missing repos: list at least one repository")
		return nil
	}
	if v.Kind != yaml.SequenceNode {
		d.problem(v, "repos must be a list, got %s", kindName(v))
		return nil
	}
	if len(v.Content) == 0 {
		d.problem(v, "repos is empty: list at least one repository")
		return nil
	}
	var out []Repo
	var names []positioned
	for i, item := range v.Content {
		item = d.resolve(item)
		if item == nil {
			break
		}
		r, name, ok := d.repo(item, i, def)
		if ok {
			names = append(names, name)
		}
		out = append(out, r)
	}
	d.duplicates(names, "repository")
	return out
}

func (d *decoder) repo(n *yaml.Node, index int, def Defaults) (Repo, positioned, bool) {
	what := fmt.Sprintf("repos[%d]", index)
	r := Repo{
		Line:        n.Line,
		Ref:         def.Ref,
		Depth:       def.Depth,
		Timeout:     def.Timeout,
		Include:     slices.Clone(def.Include),
		Exclude:     slices.Clone(def.Exclude),
		MaxFileSize: def.MaxFileSize,
	}
	f, ok := d.fields(n, what, repoKeys, nil)
	if !ok {
		return r, positioned{}, false
	}
	name, nameNode, named := d.name(n, f["name"], what)
	if named {
		r.Name = name
		what = fmt.Sprintf("repo %q", name)
	}
	transport, urlOK := Transport(""), false
	if u, ok := d.str(f["url"], what+": url"); ok {
		r.URL = u
		if t, err := classifyURL(u); err != nil {
			d.problem(d.value(f["url"]), "%s: %v", what, err)
		} else {
			transport, urlOK = t, true
		}
	} else if !f["url"].present() {
		d.problem(n, "%s: missing url", what)
	}
	if f["ref"].present() {
		r.Ref = d.ref(f["ref"], what+": ref")
	}
	if depth, ok := d.depth(f["depth"], what+": depth"); ok {
		r.Depth = depth
	}
	if t, ok := d.timeout(f["timeout"], what+": timeout"); ok {
		r.Timeout = t
	}
	if size, ok := d.size(f["max_file_size"], what+": max_file_size"); ok {
		r.MaxFileSize = size
	}
	if list, ok := d.globs(f["include"], what+": include"); ok {
		r.Include = list
		if len(list) == 0 {
			d.problem(d.value(f["include"]), "%s: include is empty, so no file would be read", what)
		}
	}
	if list, ok := d.globs(f["exclude"], what+": exclude"); ok {
		r.Exclude = append(r.Exclude, list...)
	}
	var auth repoAuth
	r.Auth, auth = d.auth(f["auth"], what)
	if urlOK {
		d.checkAuth(r, auth, transport, what)
	}
	r.Services = d.services(n, f["services"], what)
	return r, positioned{name, nameNode}, named
}

func (d *decoder) auth(e entry, what string) (Auth, repoAuth) {
	var a Auth
	var at repoAuth
	v := d.value(e)
	if v == nil {
		return a, at
	}
	what += ": auth"
	literal := func(key *yaml.Node) bool {
		meant, ok := literalSecretKeys[strings.ToLower(key.Value)]
		if !ok {
			return false
		}
		d.problem(key, "%s: %q would hold a literal secret, which must not be written in a manifest; put it in an environment variable and name that variable with %s (the value is not shown)", what, key.Value, meant)
		return true
	}
	f, _ := d.fields(v, what, authKeys, literal)
	a.TokenEnv, at.tokenNode = d.envName(f["token_env"], what+".token_env")
	a.SSHKeyEnv, at.sshKeyNode = d.envName(f["ssh_key_env"], what+".ssh_key_env")
	return a, at
}

// envName reads the name of an environment variable, refusing values that
// look like the secret itself. The value is never echoed when it is
// refused: if it is a secret, the error must not carry it further.
func (d *decoder) envName(e entry, what string) (string, *yaml.Node) {
	v := d.value(e)
	if v == nil {
		return "", nil
	}
	if v.Kind != yaml.ScalarNode {
		d.problem(v, "%s must be the name of an environment variable, got %s", what, kindName(v))
		return "", nil
	}
	if !envNamePattern.MatchString(v.Value) || len(v.Value) > 128 || looksLikeToken(v.Value) {
		d.problem(v, "%s must name an environment variable (upper-case letters, digits and _, like ACME_GIT_TOKEN) that holds the secret, not the secret itself; the value is not shown", what)
		return "", nil
	}
	return v.Value, v
}

// tokenPrefixes start the tokens of common forges and clouds; a value that
// starts with one is a pasted secret, not a variable name.
var tokenPrefixes = []string{"ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "glpat-", "gldt-", "xoxb-", "xoxp-", "akia", "asia", "sk-", "-----begin"}

// looksLikeToken reports whether s looks like a credential: a known token
// prefix, or a long run of hex or base64 characters with digits in it.
func looksLikeToken(s string) bool {
	lower := strings.ToLower(s)
	for _, p := range tokenPrefixes {
		if strings.HasPrefix(lower, p) {
			return true
		}
	}
	if len(s) >= 32 && strings.ContainsAny(s, "0123456789") && !strings.ContainsAny(s, " ") {
		underscores := strings.Count(s, "_")
		if underscores*8 < len(s) { // names are made of words; tokens are not
			return true
		}
	}
	// A variable name's words are short; a 20-character run of letters
	// mixed with digits is a key.
	for word := range strings.FieldsFuncSeq(s, func(r rune) bool { return r == '_' || r == '-' }) {
		if len(word) >= 20 && strings.ContainsAny(word, "0123456789") && strings.ContainsFunc(word, unicode.IsLetter) {
			return true
		}
	}
	return false
}

// checkAuth matches the auth settings to the URL's transport and checks
// that the variables they name are set.
func (d *decoder) checkAuth(r Repo, at repoAuth, t Transport, what string) {
	if r.Auth.TokenEnv != "" {
		switch t {
		case TransportHTTPS, TransportHTTP:
			d.checkEnvSet(at.tokenNode, r.Auth.TokenEnv, what+": auth.token_env")
		case TransportSSH:
			d.problem(at.tokenNode, "%s: auth.token_env applies to https URLs, but the url uses ssh; use auth.ssh_key_env for ssh", what)
		default:
			d.problem(at.tokenNode, "%s: auth.token_env applies to https URLs, but the url is %s, which takes no credentials", what, transportPhrase(t))
		}
	}
	if r.Auth.SSHKeyEnv != "" {
		switch t {
		case TransportSSH:
			d.checkEnvSet(at.sshKeyNode, r.Auth.SSHKeyEnv, what+": auth.ssh_key_env")
		case TransportHTTPS, TransportHTTP:
			d.problem(at.sshKeyNode, "%s: auth.ssh_key_env applies to ssh URLs, but the url uses %s; use auth.token_env for https", what, t)
		default:
			d.problem(at.sshKeyNode, "%s: auth.ssh_key_env applies to ssh URLs, but the url is %s, which takes no credentials", what, transportPhrase(t))
		}
	}
}

func transportPhrase(t Transport) string {
	switch t {
	case TransportLocal:
		return "a local directory"
	case TransportFile:
		return "a file URL"
	case TransportGit:
		return "a git:// URL"
	}
	return string(t)
}

func (d *decoder) checkEnvSet(n *yaml.Node, name, what string) {
	value, ok := d.lookupEnv(name)
	switch {
	case !ok:
		d.problem(n, "%s: environment variable %s is not set", what, name)
	case value == "":
		d.problem(n, "%s: environment variable %s is set but empty", what, name)
	}
}

func (d *decoder) services(repoNode *yaml.Node, e entry, what string) []Service {
	v := d.value(e)
	if v == nil {
		d.problem(repoNode, "%s: missing services: list at least one (path: . for the whole repository)", what)
		return nil
	}
	if v.Kind != yaml.SequenceNode {
		d.problem(v, "%s: services must be a list, got %s", what, kindName(v))
		return nil
	}
	if len(v.Content) == 0 {
		d.problem(v, "%s: services is empty: list at least one (path: . for the whole repository)", what)
		return nil
	}
	var out []Service
	var names []positioned
	for i, item := range v.Content {
		item = d.resolve(item)
		if item == nil {
			break
		}
		s, name, ok := d.service(item, what, i)
		if ok {
			names = append(names, name)
		}
		out = append(out, s)
	}
	first := make(map[string]*yaml.Node, len(names))
	for _, n := range names {
		if prev, dup := first[n.name]; dup {
			d.problem(n.node, "%s: duplicate service name %q (first used at line %d)", what, n.name, prev.Line)
			continue
		}
		first[n.name] = n.node
	}
	return out
}

func (d *decoder) service(n *yaml.Node, repoWhat string, index int) (Service, positioned, bool) {
	what := fmt.Sprintf("%s: services[%d]", repoWhat, index)
	s := Service{Line: n.Line}
	f, ok := d.fields(n, what, serviceKeys, nil)
	if !ok {
		return s, positioned{}, false
	}
	name, nameNode, named := d.name(n, f["name"], what)
	if named {
		s.Name = name
		what = fmt.Sprintf("%s: service %q", repoWhat, name)
	}
	if p, ok := d.str(f["path"], what+": path"); ok {
		if clean, err := checkServicePath(p); err != nil {
			d.problem(d.value(f["path"]), "%s: path %q %v", what, p, err)
		} else {
			s.Path = clean
		}
	} else if !f["path"].present() {
		d.problem(n, "%s: missing path (use . for the repository root)", what)
	}
	if lang, ok := d.str(f["language"], what+": language"); ok {
		switch {
		case slices.Contains(Languages, lang):
			s.Language = lang
		case slices.Contains(plannedLanguages, lang):
			d.problem(d.value(f["language"]), "%s: language %q is not supported yet; distill reads %s: leave this service out of the manifest until it does",
				what, lang, strings.Join(Languages, " and "))
		default:
			d.problem(d.value(f["language"]), "%s: unknown language %q%s; use %s, or leave it out to detect it from the files", what, lang, suggest(lang, Languages), strings.Join(Languages, " or "))
		}
	}
	if g, ok := d.str(f["group"], what+": group"); ok {
		s.Group = g
		d.groupRefs = append(d.groupRefs, groupRef{name: g, node: d.value(f["group"]), what: what})
	}
	if list, ok := d.globs(f["exclude"], what+": exclude"); ok {
		s.Exclude = list
	}
	return s, positioned{name, nameNode}, named
}

// checkServicePath accepts a slash-separated path inside the repository and
// returns it cleaned.
func checkServicePath(p string) (string, error) {
	switch {
	case p == "":
		return "", errors.New("is empty; use . for the repository root")
	case strings.Contains(p, `\`):
		return "", errors.New("uses backslashes; write paths with /")
	case strings.HasPrefix(p, "/") || (len(p) >= 2 && p[1] == ':'):
		return "", errors.New("must be relative to the repository root, not absolute")
	}
	clean := path.Clean(p)
	if clean == ".." || strings.HasPrefix(clean, "../") {
		return "", errors.New("leads outside the repository")
	}
	return clean, nil
}

// crossCheck runs the checks that need the whole manifest: services naming
// groups that exist.
func (d *decoder) crossCheck(m *Manifest) {
	declared := make(map[string]bool, len(m.Groups))
	var names []string
	for _, g := range m.Groups {
		if g.Name != "" && !declared[g.Name] {
			declared[g.Name] = true
			names = append(names, g.Name)
		}
	}
	for _, ref := range d.groupRefs {
		if declared[ref.name] {
			continue
		}
		hint := "no groups are declared; declare it under groups"
		if len(names) > 0 {
			hint = "declared groups: " + listSome(names, 10)
		}
		d.problem(ref.node, "%s: unknown group %q%s; %s", ref.what, ref.name, suggest(ref.name, names), hint)
	}
}

// listSome joins the first max names and says how many more there are, so
// a long list does not swamp the message it appears in.
func listSome(names []string, max int) string {
	if len(names) <= max {
		return strings.Join(names, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(names[:max], ", "), len(names)-max)
}

// kindName names a node's type the way a manifest author thinks of it.
func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!str":
			return "a string"
		case "!!int":
			return "an integer"
		case "!!float":
			return "a number"
		case "!!bool":
			return "a boolean"
		case "!!null":
			return "nothing"
		case "!!timestamp":
			return "a timestamp"
		}
		return "a scalar"
	}
	return "an unexpected node"
}

// showKey quotes a key for an error, unless it looks like a secret pasted in
// the wrong place.
func showKey(k string) string {
	if len(k) > 64 || looksLikeToken(k) {
		return "(not shown: it looks like a secret)"
	}
	return strconv.Quote(k)
}

// suggest returns a "did you mean" hint for a close match among known. It
// gives up on long words and long lists, where a hint costs more than it
// helps.
func suggest(got string, known []string) string {
	if len(got) > 64 || len(known) > 100 {
		return ""
	}
	best, bestDist := "", 3
	for _, k := range known {
		if dist := editDistance(strings.ToLower(got), k); dist < bestDist {
			best, bestDist = k, dist
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

// editDistance is the Levenshtein distance between a and b, in bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
