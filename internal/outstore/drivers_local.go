//go:build !cloud

package outstore

// cloudDrivers reports whether the s3, gs and azblob drivers are built in.
const cloudDrivers = false
