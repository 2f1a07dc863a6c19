package policy

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/forerunner-project/forerunner/internal/i18n"
	"github.com/forerunner-project/forerunner/internal/model"
	"github.com/open-policy-agent/opa/v1/ast"
)

// CodeMayBeUndefined: an item or veto rule reads an evidence field the
// schema makes optional in a way that leaves the rule undefined without it.
const CodeMayBeUndefined = "rule_may_be_undefined"

// undefinedFindings warns about item and veto rules that can be undefined for
// schema-valid evidence, where a reading of the rule's own package can tell:
// a reference to an `input.` path the evidence schema marks optional (not in
// `required`), in the head of a rule whose body does not establish that path
// (a reason quoting an optional field), or anywhere in a rule the item needs
// to be defined. Names with a default, rules with an else, negations,
// comprehensions, `every` and function arguments count as handled; other
// packages and functions are not followed. The host refuses a result missing
// an item or a veto's verdict whatever this finds.
func undefinedFindings(src *Source, cat *model.Model, evidenceSchema []byte) []Finding {
	var schema any
	if json.Unmarshal(evidenceSchema, &schema) != nil {
		return nil // compileFindings has said so
	}
	var out []Finding
	packages := packagesByPath(src.RuleModules())
	check := func(kind, id, ref string) {
		dot := strings.LastIndex(ref, ".")
		if dot < 0 {
			return
		}
		pkgPath, name := ref[:dot], ref[dot+1:]
		pkg := packages[pkgPath]
		if pkg == nil {
			return
		}
		a := &undefinedAnalysis{pkg: pkg, schema: schema, visited: map[string]bool{}, reported: map[string]bool{}}
		a.visit(name, true)
		for _, w := range a.warnings {
			out = append(out, undefinedFinding(kind, id, w))
		}
	}
	for _, it := range cat.Items {
		check("item", it.ID, it.Rule)
	}
	for _, v := range cat.Vetoes {
		if v.Rule != nil {
			check("veto", v.ID, v.Rule.Rule)
		}
	}
	return out
}

func undefinedFinding(kind, id string, w undefinedUse) Finding {
	zh := fmt.Sprintf("条目 %s：规则 %s 引用的 %s 在证据模式中可选（%s 不在 required 中），缺少它的有效文档会使规则未定义，结果中将缺少此条目，文档不予评分；请用带默认值的 object.get、default 规则或 else",
		id, w.rule, w.path, w.optional)
	en := fmt.Sprintf("item %s: rule %s reads %s, which the evidence schema makes optional (%s is not required); a valid document without it leaves the rule undefined: the item would be missing and the document not scored; use object.get with a default, a default rule or an else",
		id, w.rule, w.path, w.optional)
	if kind == "veto" {
		zh = fmt.Sprintf("否决项 %s：规则 %s 引用的 %s 在证据模式中可选（%s 不在 required 中），缺少它的有效文档会使规则未定义，此否决项将没有判定结果，文档不予评分；请用带默认值的 object.get、default 规则或 else",
			id, w.rule, w.path, w.optional)
		en = fmt.Sprintf("veto %s: rule %s reads %s, which the evidence schema makes optional (%s is not required); a valid document without it leaves the rule undefined: the veto would have no verdict and the document not be scored; use object.get with a default, a default rule or an else",
			id, w.rule, w.path, w.optional)
	}
	return Finding{Code: CodeMayBeUndefined, Severity: SevWarning, At: w.at, Message: i18n.T(zh, en)}
}

// regoPackage is one package's rules, as the analysis reads them.
type regoPackage struct {
	rules   map[string][]*ast.Rule
	handled map[string]bool          // names with a default or an else: never undefined
	aliases map[string][]string      // name := input.a.b (no body): its input path
	file    string                   // for locations without a file
	defs    map[string]*ast.Location // first definition of each name
}

func packagesByPath(modules map[string]*ast.Module) map[string]*regoPackage {
	out := map[string]*regoPackage{}
	for _, file := range sortedKeys(modules) {
		m := modules[file]
		if m.Package == nil {
			continue
		}
		path := m.Package.Path.String()
		pkg := out[path]
		if pkg == nil {
			pkg = &regoPackage{rules: map[string][]*ast.Rule{}, handled: map[string]bool{},
				aliases: map[string][]string{}, file: file, defs: map[string]*ast.Location{}}
			out[path] = pkg
		}
		for _, r := range m.Rules {
			name := ruleName(r)
			if name == "" {
				continue
			}
			pkg.rules[name] = append(pkg.rules[name], r)
			if r.Default || r.Else != nil {
				pkg.handled[name] = true
			}
		}
	}
	for _, pkg := range out {
		pkg.findAliases()
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// ruleName is the name of a rule with a one-part head (the ones a package
// refers to by a bare name); functions and ref heads are left out.
func ruleName(r *ast.Rule) string {
	if len(r.Head.Args) > 0 || len(r.Head.Reference) != 1 {
		return ""
	}
	return r.Head.Name.String()
}

// findAliases records the rules that only name an input path
// (`archive := input.basic.archive`), following aliases of aliases.
func (p *regoPackage) findAliases() {
	for changed := true; changed; {
		changed = false
		for name, defs := range p.rules {
			if _, done := p.aliases[name]; done || len(defs) != 1 || p.handled[name] || !isTrueBody(defs[0].Body) || defs[0].Head.Value == nil {
				continue
			}
			if ref, ok := defs[0].Head.Value.Value.(ast.Ref); ok {
				if path, ok := p.inputPath(ref, nil); ok {
					p.aliases[name] = path
					changed = true
				}
			}
		}
	}
}

func isTrueBody(b ast.Body) bool {
	return len(b) == 0 || len(b) == 1 && b[0].Terms != nil && ast.BooleanTerm(true).Equal(termOf(b[0]))
}

func termOf(e *ast.Expr) *ast.Term {
	t, _ := e.Terms.(*ast.Term)
	return t
}

// inputPath is the input path a reference reads (segments are property
// names, "[]" for any element), through locals and aliases.
func (p *regoPackage) inputPath(ref ast.Ref, locals map[ast.Var][]string) ([]string, bool) {
	head, ok := ref[0].Value.(ast.Var)
	if !ok {
		return nil, false
	}
	var base []string
	switch {
	case head.Equal(ast.InputRootDocument.Value):
	case hasLocal(locals, head):
		if base = locals[head]; base == nil {
			return nil, false
		}
	case p.aliases[string(head)] != nil:
		base = p.aliases[string(head)]
	default:
		return nil, false
	}
	path := slices.Clone(base)
	for _, t := range ref[1:] {
		if s, ok := t.Value.(ast.String); ok {
			path = append(path, string(s))
		} else {
			path = append(path, "[]")
		}
	}
	return path, true
}

func hasLocal(locals map[ast.Var][]string, v ast.Var) bool {
	_, ok := locals[v]
	return ok
}

// undefinedUse is one reference that can leave a rule undefined.
type undefinedUse struct {
	rule     string // the rule's name
	path     string // input.agency.credit_code
	optional string // the optional field, agency.credit_code
	at       string // file:row:col
}

type undefinedAnalysis struct {
	pkg      *regoPackage
	schema   any
	visited  map[string]bool
	reported map[string]bool
	warnings []undefinedUse
}

// use is a reference of a rule definition: an input path or a rule of the package.
type use struct {
	path []string // input path, or nil
	rule string   // package rule, or ""
	loc  *ast.Location
}

// visit checks the definitions of name; mustBeDefined says the item or veto
// needs the rule defined for every document.
func (a *undefinedAnalysis) visit(name string, mustBeDefined bool) {
	key := fmt.Sprint(name, mustBeDefined)
	defs := a.pkg.rules[name]
	if a.visited[key] || len(defs) == 0 || a.pkg.handled[name] || a.pkg.aliases[name] != nil {
		return
	}
	a.visited[key] = true
	single := len(defs) == 1
	for _, def := range defs {
		head, body := a.pkg.uses(def)
		established := a.established(body, map[string]bool{name: true})
		for _, u := range head {
			if u.path != nil {
				a.report(name, u, func(prefix string) bool { return covers(established, prefix) })
			}
		}
		if mustBeDefined && single {
			for _, u := range body {
				if u.path != nil {
					a.report(name, u, func(string) bool { return false })
				}
			}
		}
		for _, u := range head {
			if u.rule != "" {
				a.visit(u.rule, mustBeDefined)
			}
		}
		for _, u := range body {
			if u.rule != "" {
				a.visit(u.rule, mustBeDefined && single)
			}
		}
	}
}

// report adds a warning for the first optional part of u's path not handled.
func (a *undefinedAnalysis) report(rule string, u use, handled func(prefix string) bool) {
	for _, prefix := range optionalPrefixes(a.schema, u.path) {
		if handled(strings.Join(prefix, "/")) {
			continue
		}
		w := undefinedUse{rule: rule, path: displayPath(u.path), optional: displayField(prefix), at: a.location(u.loc)}
		if k := w.rule + " " + w.path; !a.reported[k] {
			a.reported[k] = true
			a.warnings = append(a.warnings, w)
		}
		return
	}
}

func (a *undefinedAnalysis) location(loc *ast.Location) string {
	if loc == nil {
		return a.pkg.file
	}
	file := strings.TrimPrefix(loc.File, "/")
	if file == "" {
		file = a.pkg.file
	}
	return fmt.Sprintf("%s:%d:%d", file, loc.Row, loc.Col)
}

// established is the set of input paths (joined by "/") that uses in a body
// require: a body holding means each of them is present. A rule of the
// package counts with what every one of its definitions requires.
func (a *undefinedAnalysis) established(body []use, seen map[string]bool) map[string]bool {
	out := map[string]bool{}
	for _, u := range body {
		if u.path != nil {
			out[strings.Join(u.path, "/")] = true
			continue
		}
		if u.rule == "" || seen[u.rule] {
			continue
		}
		if alias := a.pkg.aliases[u.rule]; alias != nil {
			out[strings.Join(alias, "/")] = true
			continue
		}
		seen[u.rule] = true
		var common map[string]bool
		for _, def := range a.pkg.rules[u.rule] {
			if def.Default {
				continue
			}
			head, body := a.pkg.uses(def)
			these := a.established(append(head, body...), seen)
			if common == nil {
				common = these
			} else {
				for k := range common {
					if !these[k] {
						delete(common, k)
					}
				}
			}
		}
		for k := range common {
			out[k] = true
		}
		delete(seen, u.rule)
	}
	return out
}

// covers reports whether some established path goes through prefix.
func covers(established map[string]bool, prefix string) bool {
	for p := range established {
		if p == prefix || strings.HasPrefix(p, prefix+"/") {
			return true
		}
	}
	return false
}

// uses lists what a rule definition's head value (or set element) and body
// read: input paths and rules of the package. Negated expressions, every,
// comprehensions and `with` are not read: they are defined whatever is absent.
func (p *regoPackage) uses(r *ast.Rule) (head, body []use) {
	locals := map[ast.Var][]string{}
	for _, arg := range r.Head.Args {
		ast.WalkVars(arg, func(v ast.Var) bool { locals[v] = nil; return false })
	}
	for _, expr := range r.Body {
		body = append(body, p.exprUses(expr, locals)...)
	}
	for _, t := range []*ast.Term{r.Head.Value, r.Head.Key} {
		if t != nil {
			head = append(head, p.termUses(t, locals)...)
		}
	}
	return head, body
}

func (p *regoPackage) exprUses(expr *ast.Expr, locals map[ast.Var][]string) []use {
	if expr.Negated {
		return nil
	}
	switch terms := expr.Terms.(type) {
	case *ast.SomeDecl:
		return p.someUses(terms, locals)
	case *ast.Term:
		return p.termUses(terms, locals)
	case []*ast.Term:
		if (expr.IsAssignment() || expr.IsEquality()) && len(terms) == 3 {
			if v, ok := terms[1].Value.(ast.Var); ok {
				uses := p.termUses(terms[2], locals)
				locals[v] = p.pathOf(terms[2], locals)
				return uses
			}
		}
		var out []use
		for _, t := range terms[1:] {
			out = append(out, p.termUses(t, locals)...)
		}
		return out
	}
	return nil // every
}

// someUses reads `some x in coll` and `some k, x in coll`: coll is read, x is one of its elements.
func (p *regoPackage) someUses(decl *ast.SomeDecl, locals map[ast.Var][]string) []use {
	var out []use
	for _, sym := range decl.Symbols {
		call, ok := sym.Value.(ast.Call)
		if !ok || len(call) < 3 {
			continue
		}
		coll := call[len(call)-1]
		out = append(out, p.termUses(coll, locals)...)
		var elem []string
		if path := p.pathOf(coll, locals); path != nil {
			elem = append(slices.Clone(path), "[]")
		}
		for _, t := range call[1 : len(call)-1] {
			if v, ok := t.Value.(ast.Var); ok {
				locals[v] = nil
			}
		}
		if v, ok := call[len(call)-2].Value.(ast.Var); ok {
			locals[v] = elem
		}
	}
	return out
}

// pathOf is the input path a term stands for, or nil.
func (p *regoPackage) pathOf(t *ast.Term, locals map[ast.Var][]string) []string {
	switch v := t.Value.(type) {
	case ast.Ref:
		if path, ok := p.inputPath(v, locals); ok {
			return path
		}
	case ast.Var:
		if path, ok := p.inputPath(ast.Ref{t}, locals); ok {
			return path
		}
	}
	return nil
}

func (p *regoPackage) termUses(t *ast.Term, locals map[ast.Var][]string) []use {
	switch v := t.Value.(type) {
	case ast.Var:
		return p.refUses(ast.Ref{t}, t.Location, locals)
	case ast.Ref:
		out := p.refUses(v, t.Location, locals)
		for _, part := range v[1:] {
			if _, isString := part.Value.(ast.String); !isString {
				out = append(out, p.termUses(part, locals)...)
			}
		}
		return out
	case ast.Call:
		var out []use
		for _, arg := range v[1:] {
			out = append(out, p.termUses(arg, locals)...)
		}
		return out
	case *ast.Array:
		var out []use
		v.Foreach(func(e *ast.Term) { out = append(out, p.termUses(e, locals)...) })
		return out
	case ast.Object:
		var out []use
		v.Foreach(func(k, e *ast.Term) {
			out = append(out, p.termUses(k, locals)...)
			out = append(out, p.termUses(e, locals)...)
		})
		return out
	case ast.Set:
		var out []use
		v.Foreach(func(e *ast.Term) { out = append(out, p.termUses(e, locals)...) })
		return out
	}
	return nil // scalars and comprehensions
}

func (p *regoPackage) refUses(ref ast.Ref, loc *ast.Location, locals map[ast.Var][]string) []use {
	if path, ok := p.inputPath(ref, locals); ok {
		return []use{{path: path, loc: loc}}
	}
	head, ok := ref[0].Value.(ast.Var)
	if !ok || hasLocal(locals, head) {
		return nil
	}
	if _, isRule := p.rules[string(head)]; isRule {
		return []use{{rule: string(head), loc: loc}}
	}
	return nil
}

// optionalPrefixes walks path through the evidence schema and returns each
// prefix ending at a property its object does not require, as far as the
// schema says (an unknown property or shape ends the walk).
func optionalPrefixes(schema any, path []string) [][]string {
	root, _ := schema.(map[string]any)
	node := root
	var out [][]string
	for i, seg := range path {
		node = resolve(root, node)
		if node == nil {
			return out
		}
		if seg == "[]" {
			node, _ = node["items"].(map[string]any)
			continue
		}
		props, _ := node["properties"].(map[string]any)
		next, ok := props[seg].(map[string]any)
		if !ok {
			return out
		}
		if !isRequired(node, seg) {
			out = append(out, slices.Clone(path[:i+1]))
		}
		node = next
	}
	return out
}

func isRequired(node map[string]any, name string) bool {
	req, _ := node["required"].([]any)
	return slices.Contains(req, any(name))
}

// resolve follows local $refs ("#/$defs/x").
func resolve(root, node map[string]any) map[string]any {
	for range 16 {
		ref, ok := node["$ref"].(string)
		if !ok {
			return node
		}
		target := any(root)
		for _, part := range strings.Split(strings.TrimPrefix(ref, "#/"), "/") {
			obj, _ := target.(map[string]any)
			target = obj[part]
		}
		if node, ok = target.(map[string]any); !ok {
			return nil
		}
	}
	return nil
}

// displayPath writes an input path as Rego would: input.a.b[_].c.
func displayPath(path []string) string {
	return "input" + pathText(path, ".")
}

// displayField writes the optional field relative to the document: a.b[_].c.
func displayField(path []string) string {
	return strings.TrimPrefix(pathText(path, "."), ".")
}

func pathText(path []string, sep string) string {
	var b strings.Builder
	for _, seg := range path {
		if seg == "[]" {
			b.WriteString("[_]")
		} else {
			b.WriteString(sep + seg)
		}
	}
	return b.String()
}
