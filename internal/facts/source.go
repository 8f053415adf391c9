package facts

// Source is the input of an extractor: one file of a service, with its
// slash-separated path relative to the service root and its content
// (UTF-8, checked by the source stage).
type Source struct {
	Path string
	Data []byte
	// Outline says that only the file's declarations will be read (it is
	// a test, a fixture or a migration: the catalog's test_files): the
	// extractor leaves every function body out, which a service holds
	// until its build ends and the build never reads.
	Outline bool
	// NoFunctionDocs says that no function's docstring will be read: the
	// extractor leaves Function.Doc empty. A docstring is a string of its
	// own (its escapes decoded), 3 MB of the 28 MB Python service of
	// `make bench`, and the build reads only classes' docstrings.
	NoFunctionDocs bool
}
