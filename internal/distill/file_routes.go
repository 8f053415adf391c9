package distill

import (
	"path"
	"slices"
	"strings"

	"github.com/distill/distill/internal/facts"
)

// fileRouteHandlers lists the handlers a module's path routes (catalog
// file_routes: Next.js's pages/api/** default export, app/**/route.ts's
// POST): each export the route's entry names, when it is a function of
// the module, is a handler named after the route; where a module exports
// several, all but its POST are named with their method too.
func (b *builder) fileRouteHandlers(known []*handler) []*handler {
	seen := handledFunctions(known)
	var out []*handler
	for _, f := range b.ix.files {
		if b.testFile(f.Path) {
			continue
		}
		for _, fr := range b.lang.FileRoutes {
			route, ok := fileRoute(f.Path, fr.Dirs, fr.Files)
			if !ok {
				continue
			}
			var words, segments []string
			for _, seg := range strings.Split(route, "/") {
				if name, ok := strings.CutPrefix(seg, "["); ok {
					segments = append(segments, strings.Trim(name, "[].")) // [[...slug]]: slug
				}
				if seg != "" && !slices.Contains(fr.DropSegments, seg) && !strings.HasPrefix(seg, "[") && !strings.HasPrefix(seg, "(") {
					words = append(words, strings.NewReplacer("-", "_", ".", "_").Replace(seg))
				}
			}
			// named: the route's name, prefixed by the method unless it
			// is POST when the module answers several.
			named := func(method string) string {
				if method == "" || method == "POST" {
					return pascal(strings.Join(words, "_"))
				}
				return pascal(strings.ToLower(method) + "_" + strings.Join(words, "_"))
			}
			several := 0
			for _, ex := range f.Exports {
				if slices.Contains(fr.Exports, ex.Name) {
					several++
				}
			}
			for _, ex := range f.Exports {
				if !slices.Contains(fr.Exports, ex.Name) || ex.Local == "" || len(words) == 0 {
					continue
				}
				i := slices.IndexFunc(f.Functions, func(fn facts.Function) bool { return fn.Name == ex.Local })
				if i < 0 || seen[&f.Functions[i]] {
					continue
				}
				fn := &f.Functions[i]
				seen[fn] = true
				switch methods := writingMethods(fn); {
				case several > 1:
					// DELETE beside POST: DeleteDevicesTrust.
					out = append(out, &handler{file: f, fn: fn, name: named(ex.Name), method: ex.Name, segmentKeys: fr.SegmentKeys, segments: segments})
				case len(methods) > 1:
					// if (req.method === 'PUT') ... if (req.method === 'DELETE'):
					// a rule for each, named as the App Router's exports are.
					for _, m := range methods {
						out = append(out, &handler{file: f, fn: fn, name: named(m), method: m, segmentKeys: fr.SegmentKeys, segments: segments})
					}
				default:
					// A module's one handler: named by its method when the
					// export is one (DELETE alone in notes/[noteId]/route.ts
					// is DeleteNotes, beside notes/route.ts's POST, Notes).
					method := ""
					if ex.Name != "default" {
						method = ex.Name
					}
					out = append(out, &handler{file: f, fn: fn, name: named(method), segmentKeys: fr.SegmentKeys, segments: segments})
				}
			}
		}
	}
	return out
}

// fileRoute returns the route of a module's path when a run of its
// directories is one of dirs (the rest of the path, without the
// extension, and without the last segment when it is index) or its file
// name without the extension is one of files (its directory's path).
func fileRoute(p string, dirs, files []string) (string, bool) {
	stem := strings.TrimSuffix(p, path.Ext(p))
	if slices.Contains(files, path.Base(stem)) {
		return path.Dir(stem), true
	}
	for _, d := range dirs {
		if rest, ok := strings.CutPrefix(stem, d+"/"); ok {
			return strings.TrimSuffix(rest, "/index"), true
		}
		if i := strings.Index(stem, "/"+d+"/"); i >= 0 {
			return strings.TrimSuffix(stem[i+len(d)+2:], "/index"), true
		}
	}
	return "", false
}

// writingMethods lists the state-changing HTTP methods a handler compares
// its first parameter's method with (req.method === 'PUT', a switch's
// case 'DELETE'), in the order first met.
func writingMethods(fn *facts.Function) []string {
	if len(fn.Params) == 0 || fn.Params[0].Name == "" {
		return nil
	}
	req := fn.Params[0].Name
	var out []string
	facts.Walk(fn.Body(), func(s *facts.Stmt) bool {
		s.Cond.Any(func(e *facts.Expr) bool {
			if e.Kind == facts.ExprCompare && e.X != nil && e.Y != nil && e.X.Raw() == req+".method" && e.Y.Kind == facts.ExprString {
				if m := strings.ToUpper(e.Y.Value()); stateChanging[m] && !slices.Contains(out, m) {
					out = append(out, m)
				}
			}
			return false
		})
		return true
	})
	return out
}
