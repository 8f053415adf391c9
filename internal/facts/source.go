package facts

// Source is the input of an extractor: one file of a service, with its
// slash-separated path relative to the service root and its content
// (UTF-8, checked by the source stage).
type Source struct {
	Path string
	Data []byte
}
