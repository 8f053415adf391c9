package distill

import "testing"

// strapiUser and strapiRole are content types as Strapi declares them: the
// object a module exports is the model.
const strapiUser = `
'use strict';
module.exports = {
  collectionName: 'up_users',
  info: { singularName: 'user', pluralName: 'users', displayName: 'User' },
  options: { draftAndPublish: false, timestamps: true },
  attributes: {
    username: { type: 'string', minLength: 3, unique: true, required: true },
    email: { type: 'email', minLength: 6, required: true },
    provider: { type: 'string' },
    confirmed: { type: 'boolean', default: false },
    state: { type: 'enumeration', enum: ['invited', 'active'], default: 'invited' },
    role: { type: 'relation', relation: 'manyToOne', target: 'plugin::users-permissions.role', inversedBy: 'users' },
    avatar: { type: 'relation', relation: 'oneToOne', target: 'plugin::upload.file' },
    settings: { type: 'json' },
  },
};
`

const strapiRole = `
module.exports = {
  info: { singularName: 'role', pluralName: 'roles' },
  attributes: {
    name: { type: 'string', required: true },
    users: { type: 'relation', relation: 'oneToMany', target: 'plugin::users-permissions.user', mappedBy: 'role' },
  },
};
`

// TestObjectModels pins the content types of the catalog's object_models:
// the exported object's name, its fields by their string types, required
// and defaults, enumerations, relations to one row (a relation to many is
// the other side's), and the timestamps option.
func TestObjectModels(t *testing.T) {
	runIdiomCases(t, map[string]string{
		"server/content-types/user/index.js": strapiUser,
		"server/content-types/role/index.js": strapiRole,
	}, []idiomCase{{
		name:      "fields by string type, required or defaulted, enumeration, relation to one, timestamps",
		construct: "User",
		want: []string{"username: String\n", "email: String\n", "provider: String?\n", "confirmed: Boolean\n",
			"state: invited | active\n", "role: Role?\n", "created_at: Timestamp\n"},
		// A relation to a content type the service does not declare, and
		// a type the catalog does not map, are left out.
		notWant: []string{"avatar", "settings", "collection_name"},
	}, {
		name:      "a relation to many is not a field of its own side",
		construct: "Role",
		want:      []string{"name: String\n"},
		notWant:   []string{"users: User", "created_at"},
	}})
	runIdiomCases(t, map[string]string{
		"src/content-types/token.ts": `export default { info: { singularName: 'api-token' }, attributes: { expiresAt: { type: 'datetime' } } };`,
	}, []idiomCase{{
		name:      "an exported default object declares the same model",
		construct: "ApiToken",
		want:      []string{"expires_at: Timestamp?"},
	}})
	// An exported object without the model's name is no model (a config
	// module with an attributes key).
	d := New(Options{})
	defer d.Close()
	out := distilText(t, d, map[string]string{"src/config.js": `module.exports = { attributes: { email: { type: 'string' } } };`})
	if len(out.Module.Entities) != 0 {
		t.Errorf("entities from an object without info.singularName: %d", len(out.Module.Entities))
	}
}
