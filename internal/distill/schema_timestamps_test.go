package distill

import "testing"

const stampedSchemas = `
import mongoose from 'mongoose';

const Stamped = new mongoose.Schema({ name: String }, { timestamps: true, versionKey: false });
export const StampedModel = mongoose.model('Stamped', Stamped);

const Unstamped = new mongoose.Schema({ name: String }, { timestamps: false });
export const UnstampedModel = mongoose.model('Unstamped', Unstamped);

const Bare = new mongoose.Schema({ name: String });
export const BareModel = mongoose.model('Bare', Bare);
`

// TestSchemaTimestamps pins Mongoose's timestamps option (catalog
// schema_models.timestamps_key, timestamp_fields): new Schema({...},
// {timestamps: true}) stores createdAt and updatedAt, as
// santiq/bulletproof-nodejs's User does (models/user.ts:28); a schema
// whose option is false, or that has none, stores neither.
func TestSchemaTimestampOptions(t *testing.T) {
	runIdiomCases(t, map[string]string{"src/models.ts": stampedSchemas}, []idiomCase{
		{name: "timestamps: true adds the creation stamp", construct: "Stamped", want: []string{"name: String?", "created_at: Timestamp"}},
		{name: "timestamps: false adds none", construct: "Unstamped", want: []string{"name: String?"}, notWant: []string{"created_at"}},
		{name: "no options add none", construct: "Bare", want: []string{"name: String?"}, notWant: []string{"created_at"}},
	})
}
