package compare

// UpdateGoldens is the -update flag, for the external test package's
// goldens (the groups' recorded scores).
var UpdateGoldens = update
