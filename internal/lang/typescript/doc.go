// Package typescript extracts [facts.File] values from TypeScript, TSX and
// JavaScript source, the same facts the Python extractor gives for code
// of the same meaning.
//
// Grammars: .ts/.mts/.cts are read with the TypeScript grammar, .tsx with
// TSX, and .js/.jsx/.mjs/.cjs with the JavaScript grammar (JSX included),
// because no single grammar reads all three exactly (see
// syntax.TypeScript). The grammars share node type names, so one walker
// with one kind table per grammar serves all of them; every file's facts
// carry the language ID "typescript".
//
// What becomes what (beyond the obvious statement and expression forms):
//   - module names are the file path dotted like Python's
//     ("src/users/users.service.ts" is "src.users.users.service", an
//     index file names its directory); relative import specifiers are
//     resolved against them, package specifiers kept as written;
//   - ES imports and `require` are Imports (a default import's Target is
//     the module itself, as require gives it); exports are Exports;
//   - `const f = (...) => {}`, `exports.f = function () {}` and class
//     fields holding functions are functions and methods of that name;
//     other arrow functions and function expressions (callbacks) are
//     ExprFunction values carrying their whole Function;
//   - classes keep decorators with their arguments on the class, its
//     fields, methods and parameters; `implements` clauses are class
//     keywords named "implements"; constructor parameter properties
//     (`private readonly repo: Repository<User>`) are fields too;
//     getters, setters and static methods carry the decorators Python
//     spells them with (property, <name>.setter, staticmethod);
//   - interfaces and object type aliases are Classes of kind interface,
//     enums Classes of kind enum, other type aliases File.Types; types
//     read as Python annotations (`User[]` is Array[User], `x?: T` is
//     `T | None`);
//   - `new X(...)` is a call, `switch` the if/else chain it means, a
//     C-style `for` its initialiser plus a while loop, `this` the name
//     "this" (the distiller's receiver, Python's "self"); TS-only
//     wrappers (`as`, `!`, `satisfies`) are the expression inside.
//
// As in the Python walker, node kinds are compared as integers resolved
// once per grammar, recursion is bounded by maxDepth, and constructs
// without a translation are opaque and counted in Stats. Frameworks are
// not interpreted here: `router.post("/login", auth, handler)` is the call
// it is, `@Controller("users")` the decorator it is.
package typescript
