//go:build cloud

package outstore

// The cloud drivers weigh more than the rest of distill together (their SDKs
// take minutes to compile), so they come with the build tag `cloud`, which
// the container image and release builds set: go build -tags cloud.
import (
	_ "gocloud.dev/blob/azureblob"
	_ "gocloud.dev/blob/gcsblob"
	_ "gocloud.dev/blob/s3blob"
)

const cloudDrivers = true
