package distill

// Settings are often grouped (pydantic nested models):
//
//	class Security(BaseModel):
//	    jwt_access_token_expire_secs: int = Field(default=15 * 60, gt=10)
//	class Settings(BaseSettings):
//	    security: Security = Field(default_factory=Security)
//
// read as get_settings().security.jwt_access_token_expire_secs. The
// group's fields are config candidates like the settings class's own, and
// the group read from a settings value is settings too.

// settingsGroup is the class of a settings field that groups settings
// (its annotation is a class of the service with fields), or nil.
func (b *builder) settingsGroup(cr *classRef, field string) *classRef {
	for i := range cr.class.Fields {
		a := &cr.class.Fields[i]
		if a.Name != field || a.Annotation == nil {
			continue
		}
		g := b.ix.class(cr.file, a.Annotation)
		if g == nil || len(g.class.Fields) == 0 || b.entByQual[g.qual()] != nil {
			return nil
		}
		return g
	}
	return nil
}

// collectSettingsGroups records the fields of every settings group as
// config candidates.
func (b *builder) collectSettingsGroups() {
	for _, cr := range b.settings {
		for i := range cr.class.Fields {
			g := b.settingsGroup(cr, cr.class.Fields[i].Name)
			if g == nil {
				continue
			}
			for j := range g.class.Fields {
				a := &g.class.Fields[j]
				if a.Name == "model_config" || a.Name == "" || a.Name[0] == '_' {
					continue
				}
				b.addConfig(g.file, a.Name, a.Value, a.Annotation, a.Line)
			}
		}
	}
}

// isSettingsGroupAttr reports settings.<group> for a group of any
// settings class.
func (b *builder) isSettingsGroupAttr(name string) bool {
	for _, cr := range b.settings {
		if b.settingsGroup(cr, name) != nil {
			return true
		}
	}
	return false
}

// isSettingsRef reports a settings class (whose call, Settings(), makes
// the settings object).
func (b *builder) isSettingsRef(cr *classRef) bool {
	for _, s := range b.settings {
		if s.qual() == cr.qual() {
			return true
		}
	}
	return false
}
