package workbook

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/forerunner-project/forerunner/internal/evidence"
	"github.com/forerunner-project/forerunner/internal/i18n"
)

// kind is how a column's cells are typed.
type kind int

const (
	kindText kind = iota
	kindInteger
	kindBoolean
	kindDate
	kindEnum
)

// Column is one field of a sheet's rows.
type Column struct {
	// Path leads from the row's object (lists) or the document root (forms)
	// to the value; empty for a list of plain values.
	Path []string
	// Field is the name in the hidden field row (or column, on forms).
	Field    string
	Header   i18n.Text
	Help     i18n.Text
	kind     kind
	nullable bool
	enum     []string
	labels   map[string]i18n.Text
	min, max *int64
	Required bool
	clauses  []string
	// link marks the column that names the parent row of a nested list.
	link bool
}

// objectSpec is an object on a row's path: created when required or when
// any of its fields is filled in.
type objectSpec struct {
	path     []string
	required bool
	label    i18n.Text
}

// Sheet is one worksheet of the evidence workbook.
type Sheet struct {
	Name i18n.Text
	Help i18n.Text
	// Form sheets hold single facts, one per row (label, value, help); list
	// sheets hold one list item per row.
	Form bool
	// Path leads to the list: from the root for a top-level list, from the
	// parent's item for a nested one.
	Path    []string
	Parent  *Sheet
	Columns []*Column
	// Key is the column whose values the rows of child sheets name.
	Key      *Column
	objects  []objectSpec
	constant map[string]any // fixed values on forms (schema_version)
	clauses  []string
	// scalar lists hold plain values, one column.
	scalar bool
}

// Layout is the evidence workbook derived from the evidence JSON Schema.
type Layout struct {
	Sheets []*Sheet
	byName map[string]*Sheet
}

// Sheet finds a sheet by its Chinese or English name.
func (l *Layout) Sheet(name string) *Sheet { return l.byName[name] }

// pointer returns the JSON Pointer of path below base.
func pointer(base string, path ...string) string {
	for _, p := range path {
		base += "/" + strings.ReplaceAll(strings.ReplaceAll(p, "~", "~0"), "/", "~1")
	}
	return base
}

var evidenceLayout = sync.OnceValues(func() (*Layout, error) { return NewLayout(evidence.SchemaJSON()) })

// EvidenceLayout is the layout of the embedded evidence schema.
func EvidenceLayout() *Layout {
	l, err := evidenceLayout()
	if err != nil {
		panic("evidence schema has no workbook layout: " + err.Error())
	}
	return l
}

// NewLayout derives the workbook from a JSON Schema: the root's objects
// without lists share the first form sheet; every other root object gets a
// form sheet of its single facts; every list gets a sheet, a list inside a
// list's items a sheet linked to its parent by the parent's key column.
func NewLayout(schemaJSON []byte) (*Layout, error) {
	var root schemaNode
	if err := json.Unmarshal(schemaJSON, &root); err != nil {
		return nil, err
	}
	b := &builder{res: resolver{defs: root.Defs}, layout: &Layout{byName: map[string]*Sheet{}}}
	general := &Sheet{Form: true, constant: map[string]any{}}
	b.add(general)
	for _, p := range root.Properties {
		n := b.res.resolve(p.node)
		switch {
		case n.Const != nil:
			general.constant[p.name] = n.Const
		case n.hasType("object") && !b.hasList(n):
			b.formFields(general, n, []string{p.name}, root.requires(p.name), nil)
			general.Name = joinNames(general.Name, label(n, p.name))
		case n.hasType("object"):
			form := &Sheet{Form: true, Name: label(n, p.name), Help: splitText(n.Description)}
			b.add(form)
			b.formFields(form, n, []string{p.name}, true, nil)
			if len(form.Columns) == 0 {
				b.remove(form)
			}
		default:
			b.formFields(general, &schemaNode{Properties: properties{p}, Required: root.Required}, nil, true, nil)
		}
	}
	general.Help = splitText(root.Description)
	return b.finish()
}

func joinNames(a, b i18n.Text) i18n.Text {
	if a.ZH == "" {
		return b
	}
	return i18n.T(a.ZH+"、"+b.ZH, a.EN+", "+b.EN)
}

type builder struct {
	res    resolver
	layout *Layout
}

func (b *builder) add(s *Sheet) { b.layout.Sheets = append(b.layout.Sheets, s) }
func (b *builder) remove(s *Sheet) {
	b.layout.Sheets = slices.DeleteFunc(b.layout.Sheets, func(x *Sheet) bool { return x == s })
}

// hasList tells whether an object holds a list anywhere below it.
func (b *builder) hasList(n *schemaNode) bool {
	for _, p := range n.Properties {
		c := b.res.resolve(p.node)
		if c.hasType("array") || c.hasType("object") && b.hasList(c) {
			return true
		}
	}
	return false
}

// formFields adds the single facts of object n (at path) to a form sheet;
// its lists become sheets of their own.
func (b *builder) formFields(form *Sheet, n *schemaNode, path []string, required bool, clauses []string) {
	if len(path) > 0 {
		form.objects = append(form.objects, objectSpec{path: path, required: required, label: label(n, path[len(path)-1])})
	}
	clauses = clauseIDs(n.Description, clauses)
	for _, p := range n.Properties {
		c := b.res.resolve(p.node)
		at := append(slices.Clone(path), p.name)
		switch {
		case c.hasType("object"):
			b.formFields(form, c, at, required && n.requires(p.name), clauses)
		case c.hasType("array"):
			b.list(nil, c, at, p.name, clauses)
		default:
			col := b.column(c, at, p.name, required && n.requires(p.name), clauses)
			if !required {
				col.Help.ZH += "（本组可选：整组填写或整组留空）"
				col.Help.EN += " (an optional group: fill in all of it or none)"
			}
			form.Columns = append(form.Columns, col)
		}
	}
	form.clauses = union(form.clauses, clausesOf(form.Columns))
}

// list adds the sheet of the list n at path (relative to parent's items).
func (b *builder) list(parent *Sheet, n *schemaNode, path []string, name string, clauses []string) {
	s := &Sheet{Name: label(n, name), Help: splitText(n.Description), Path: path, Parent: parent}
	s.clauses = clauseIDs(n.Description, clauses)
	b.add(s)
	if parent != nil {
		link := *parent.Key
		link.Path, link.link, link.Required = nil, true, true
		link.Field = parent.Path[len(parent.Path)-1] + "." + parent.Key.Field
		s.Columns = append(s.Columns, &link)
	}
	item := b.res.resolve(n.Items)
	if item == nil || !item.hasType("object") {
		if item == nil {
			item = &schemaNode{}
		}
		col := b.column(item, nil, name, true, s.clauses)
		col.Field, col.Header = name, label(item, name)
		s.Columns, s.scalar = append(s.Columns, col), true
		return
	}
	b.rowFields(s, item, nil, s.clauses)
	if item.Key != "" {
		s.Key = s.column(item.Key)
	}
}

// rowFields adds the columns of a list item's object (nested objects
// flattened, nested lists as child sheets).
func (b *builder) rowFields(s *Sheet, n *schemaNode, path []string, clauses []string) {
	var children []property
	for _, p := range n.Properties {
		c := b.res.resolve(p.node)
		at := append(slices.Clone(path), p.name)
		switch {
		case c.hasType("object"):
			s.objects = append(s.objects, objectSpec{path: at, required: n.requires(p.name), label: label(c, p.name)})
			b.rowFields(s, c, at, clauseIDs(c.Description, clauses))
		case c.hasType("array"):
			children = append(children, property{name: p.name, node: c})
		default:
			s.Columns = append(s.Columns, b.column(c, at, p.name, n.requires(p.name), clauses))
		}
	}
	for _, child := range children {
		if s.Key == nil {
			s.Key = s.firstRequired(n)
		}
		b.list(s, child.node, append(slices.Clone(path), child.name), child.name, clauses)
	}
}

// firstRequired is the key used when the schema names none (x-key): the
// first required text column.
func (s *Sheet) firstRequired(n *schemaNode) *Column {
	if n.Key != "" {
		if c := s.column(n.Key); c != nil {
			return c
		}
	}
	for _, c := range s.Columns {
		if c.Required && c.kind == kindText && !c.link {
			return c
		}
	}
	return s.Columns[0]
}

func (s *Sheet) column(field string) *Column {
	for _, c := range s.Columns {
		if c.Field == field {
			return c
		}
	}
	return nil
}

// column builds the column of scalar node n.
func (b *builder) column(n *schemaNode, path []string, name string, required bool, clauses []string) *Column {
	col := &Column{Path: path, Field: strings.Join(path, "."), Header: label(n, name),
		Help: splitText(n.Description), Required: required, min: n.Minimum, max: n.Maximum,
		clauses: clauseIDs(n.Description, clauses)}
	switch {
	case len(n.Enum) > 0:
		col.kind, col.enum, col.labels = kindEnum, n.Enum, enumLabels(n.Description, n.Enum)
	case n.hasType("boolean"):
		col.kind = kindBoolean
	case n.hasType("integer"):
		col.kind = kindInteger
	case n.Format == "date":
		col.kind = kindDate
	}
	col.nullable = n.hasType("null")
	return col
}

// finish names the form rows after their objects, checks that every sheet
// name is unique and fits a worksheet name, and indexes the names.
func (b *builder) finish() (*Layout, error) {
	l := b.layout
	for _, s := range l.Sheets {
		objectLabels(s)
		for _, name := range []string{s.Name.ZH, s.Name.EN} {
			if err := checkSheetName(name); err != nil {
				return nil, err
			}
			if other, ok := l.byName[name]; ok && other != s {
				return nil, fmt.Errorf("two sheets are named %q", name)
			}
			l.byName[name] = s
		}
	}
	for _, name := range reservedSheets() {
		if l.byName[name] != nil {
			return nil, fmt.Errorf("sheet name %q is reserved", name)
		}
	}
	return l, nil
}

// objectLabels prefixes the header of a field of a nested object with the
// object's label ("材料提交·截止日期", "信用报告·是否提供").
func objectLabels(s *Sheet) {
	for _, c := range s.Columns {
		if len(c.Path) < 2 {
			continue
		}
		obj := s.objectLabel(c.Path[:len(c.Path)-1])
		if obj.ZH != "" {
			c.Header = i18n.T(obj.ZH+"·"+c.Header.ZH, obj.EN+" · "+c.Header.EN)
		}
	}
}

func (s *Sheet) objectLabel(path []string) i18n.Text {
	for _, o := range s.objects {
		if slices.Equal(o.path, path) {
			return o.label
		}
	}
	return i18n.Text{}
}

func checkSheetName(name string) error {
	if name == "" || len([]rune(name)) > 31 || strings.ContainsAny(name, `:\/?*[]`) {
		return fmt.Errorf("%q cannot name a worksheet (1 to 31 characters, none of : \\ / ? * [ ])", name)
	}
	return nil
}

func clausesOf(cols []*Column) []string {
	var ids []string
	for _, c := range cols {
		ids = union(ids, c.clauses)
	}
	return ids
}

func union(a, b []string) []string {
	for _, x := range b {
		if !slices.Contains(a, x) {
			a = append(a, x)
		}
	}
	return a
}
