// Package catalog is the pattern catalog: the names in service code that
// tell distill what a class, call or decorator means (an ORM model base, an
// email sender, an auth decorator, a clock call...). The default catalog is
// configs/patterns.yaml, embedded in the binary; users extend or override it
// with a file of the same shape.
//
// Names are dotted and match by their last segments, so that one entry
// covers a name however it was imported: "db.Model" matches `db.Model` and
// `app.extensions.db.Model`, "Column" matches `sqlalchemy.Column`.
package catalog
