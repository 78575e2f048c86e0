package compare

import (
	"encoding/json"
	"fmt"
	"math/big"
	"strconv"
	"strings"

	"github.com/tidwall/gjson"

	"github.com/docconform/docconform/harness"
	"github.com/docconform/docconform/harness/docjson"
)

// comparer walks a documented value (a docjson tree, lenient, with truncation marks) and
// an actual one (gjson over the raw body: nothing is unmarshalled) side by side.
type comparer struct {
	cfg      config
	exp      harness.Expectation
	optional map[string]bool
	truncAll bool
	bodyLine int

	path []string // raw keys and indexes from the root to the current value
	res  Result
	// shapes[i] is Differences[i]'s kind and path, array indexes aside; warnShapes[i] the
	// same for Warnings[i] ("" at the root): what repeats across the items of an array is
	// folded into one (fold.go).
	shapes     []string
	warnShapes []string
	// counting: a dry run that only counts differences, to pick the closest template.
	counting bool
	count    int
	limit    int // a dry run stops counting beyond this
	members  [][]member
}

type member struct {
	key string
	val gjson.Result
}

func newComparer(opts []Option) *comparer {
	c := &comparer{}
	for _, o := range opts {
		o(&c.cfg)
	}
	return c
}

// kind is a JSON type, as both sides share it.
type kind uint8

const (
	kNull kind = iota
	kBool
	kNumber
	kString
	kObject
	kArray
)

var kindNames = [...]string{"null", "a boolean", "a number", "a string", "an object", "an array"}

func (k kind) String() string { return kindNames[k] }

func actualKind(a gjson.Result) kind {
	switch a.Type {
	case gjson.False, gjson.True:
		return kBool
	case gjson.Number:
		return kNumber
	case gjson.String:
		return kString
	case gjson.JSON:
		if strings.HasPrefix(a.Raw, "[") {
			return kArray
		}
		return kObject
	}
	return kNull
}

// docKind is the type a documented value promises: a placeholder string ("Int32") its
// type in shape mode, a string in exact mode.
func (c *comparer) docKind(d *docjson.Value) kind {
	switch d.Kind {
	case docjson.Bool:
		return kBool
	case docjson.Number:
		return kNumber
	case docjson.String:
		if k, ok := placeholderKind(d.Text); ok && c.cfg.mode != Exact {
			return k
		}
		return kString
	case docjson.Object:
		return kObject
	case docjson.Array:
		return kArray
	}
	return kNull
}

// value compares one documented value with one actual value; trunc says whether the
// documented value stands for a truncated sample here (the annotation's truncated, which
// holds at every depth). A "..." in a container truncates that container only.
func (c *comparer) value(d *docjson.Value, a gjson.Result, trunc bool) {
	ak := actualKind(a)
	switch {
	case d.Kind == docjson.Omitted:
		return // "key": ... stands for any value
	case ak == kNull && len(c.path) == 0 && d.Kind != docjson.Null:
		// A whole answer of null is no sample of a documented object or array.
		c.diff(harness.DiffType, d, a, "expected %s, got null", c.docKind(d))
		return
	case d.Kind == docjson.Null || ak == kNull:
		// A documented null matches anything; an actual null matches any documented type
		// (services answer null for values they do not have).
		if c.cfg.mode == Exact && (d.Kind == docjson.Null) != (ak == kNull) {
			c.diff(harness.DiffValue, d, a, "expected %s, got %s", jsonText(d), shorten(c.act(a.Raw)))
		}
		return
	}
	dk := c.docKind(d)
	if dk != ak && !(d.Kind == docjson.String && ak == kString) {
		// (A placeholder such as "Int32" promises a number, but the same words are also
		// enum values — "underline": "Single" — so a string always matches one.)
		c.diff(harness.DiffType, d, a, "expected %s, got %s", dk, ak)
		return
	}
	switch dk {
	case kObject:
		c.object(d, a, trunc)
	case kArray:
		c.array(d, a, trunc)
	case kString:
		c.str(d, a)
	case kNumber:
		if ak == kString {
			c.str(d, a)
			return
		}
		if c.cfg.mode == Exact && d.Kind == docjson.Number && !sameNumber(d.Text, a.Raw) {
			c.diff(harness.DiffValue, d, a, "expected %s, got %s", d.Text, shorten(c.act(a.Raw)))
		}
	case kBool:
		if ak == kString {
			c.str(d, a)
			return
		}
		if c.cfg.mode == Exact && d.Kind == docjson.Bool && d.Text != a.Raw {
			c.diff(harness.DiffValue, d, a, "expected %s, got %s", d.Text, shorten(c.act(a.Raw)))
		}
	}
}

func (c *comparer) str(d *docjson.Value, a gjson.Result) {
	if a.Str == d.Text {
		return
	}
	if c.cfg.mode == Exact {
		// Strings exactly: "String" and "Single" are values here, not placeholders.
		c.diff(harness.DiffValue, d, a, "expected %q, got %q", shorten(d.Text), shorten(c.act(a.Str)))
		return
	}
	if _, ok := placeholderKind(d.Text); ok {
		if placeholderDateTime(d.Text) && !isDateTime(a.Str) {
			c.diff(harness.DiffFormat, d, a, "expected a date-time (%s), got %q", d.Text, shorten(c.act(a.Str)))
		}
		return
	}
	if isDateTime(d.Text) && !isDateTime(a.Str) {
		c.diff(harness.DiffFormat, d, a, "expected an ISO 8601 date-time like %s, got %q", d.Text, shorten(c.act(a.Str)))
		return
	}
}

// sameNumber compares number texts by value ("1.0" is "1", "1e2" is "100"), exactly: 64-bit
// IDs that differ in the last digit differ.
func sameNumber(x, y string) bool {
	if x == y {
		return true
	}
	fx, ok1 := new(big.Float).SetPrec(256).SetString(x)
	fy, ok2 := new(big.Float).SetPrec(256).SetString(y)
	return ok1 && ok2 && fx.Cmp(fy) == 0
}

// object compares members: documented ones must be present, others are unexpected unless
// the sample is truncated here (trunc, or a "..." in this object).
func (c *comparer) object(d *docjson.Value, a gjson.Result, trunc bool) {
	acts := c.collect(a)
	defer c.release()
	// Documented members, in document order. A later duplicate key wins (JSON), so only
	// the last of each key is a promise.
	for i := range d.Members {
		m := &d.Members[i]
		if dup(d.Members[i+1:], m.Key) {
			continue
		}
		j := find(acts, m.Key)
		if isControl(m.Key) {
			if j >= 0 && m.Key == "@odata.type" {
				c.odataType(m, acts[j].val)
			}
			continue
		}
		c.push(m.Key)
		switch {
		case c.ignored():
		case j < 0:
			if !c.optional[m.Key] {
				c.diffMissing(&m.Value, "property "+m.Key)
			}
		default:
			c.value(&m.Value, acts[j].val, trunc)
		}
		c.pop()
	}
	if trunc || d.Truncated || c.cfg.extra == ExtraAllow {
		return
	}
	for _, am := range acts {
		if strings.IndexByte(am.key, '@') >= 0 || find2(d.Members, am.key) {
			continue
		}
		c.push(am.key)
		if !c.ignored() {
			c.unexpected(d, am)
		}
		c.pop()
	}
}

func dup(rest []docjson.Member, key string) bool {
	for i := range rest {
		if rest[i].Key == key {
			return true
		}
	}
	return false
}

func find(acts []member, key string) int {
	for i := len(acts) - 1; i >= 0; i-- { // the last of duplicate keys wins
		if acts[i].key == key {
			return i
		}
	}
	return -1
}

func find2(ms []docjson.Member, key string) bool {
	for i := range ms {
		if ms[i].Key == key {
			return true
		}
	}
	return false
}

// collect lists an actual object's members into a reused buffer.
func (c *comparer) collect(a gjson.Result) []member {
	n := len(c.members)
	if cap(c.members) > n {
		c.members = c.members[:n+1]
	} else {
		c.members = append(c.members, nil)
	}
	buf := c.members[n][:0]
	a.ForEach(func(k, v gjson.Result) bool {
		buf = append(buf, member{key: k.Str, val: v})
		return true
	})
	c.members[n] = buf
	return buf
}

func (c *comparer) release() { c.members = c.members[:len(c.members)-1] }

// isControl reports OData control information (@odata.context, @odata.nextLink,
// prop@odata.navigationLink, ...): it depends on the request and the metadata level, so it
// is never required and never unexpected. @odata.type is compared when both sides have it.
func isControl(key string) bool {
	return strings.HasPrefix(key, "@odata.") || strings.Contains(key, "@odata.")
}

// odataType compares type discriminators: case-insensitively, with the leading "#" optional.
func (c *comparer) odataType(m *docjson.Member, a gjson.Result) {
	if m.Value.Kind != docjson.String || a.Type != gjson.String {
		return
	}
	want, got := strings.TrimPrefix(m.Value.Text, "#"), strings.TrimPrefix(a.Str, "#")
	if !strings.EqualFold(want, got) {
		c.push(m.Key)
		if !c.ignored() {
			c.diff(harness.DiffValue, &m.Value, a, "@odata.type is %s, documented %s", shorten(c.act(a.Str)), m.Value.Text)
		}
		c.pop()
	}
}

func (c *comparer) unexpected(d *docjson.Value, am member) {
	if c.counting {
		c.count++
		return
	}
	msg := fmt.Sprintf("property %s is not documented (the response is not marked truncated)", am.key)
	if c.cfg.extra == ExtraWarn {
		c.warnHere(harness.WarnUnexpected, d, "%s", msg)
		return
	}
	c.record(harness.Difference{Kind: harness.DiffUnexpected, Path: c.pathString(), Expected: json.RawMessage("null"),
		Actual: c.raw(am.val.Raw), Message: msg, Line: c.line(d)})
}

// array compares items with the documented items as templates (shape), or item by item
// (exact).
func (c *comparer) array(d *docjson.Value, a gjson.Result, trunc bool) {
	if c.cfg.mode == Exact {
		c.arrayExact(d, a, trunc)
		return
	}
	if len(d.Items) == 0 {
		if !c.counting && !trunc && !d.Truncated && len(a.Raw) > 2 && a.Get("#").Int() > 0 {
			c.warnHere(harness.WarnUncheckedItems, d, "the documented array is empty, so the %s answered could not be checked", harness.Plural(int(a.Get("#").Int()), "item"))
		}
		return
	}
	i := 0
	a.ForEach(func(_, item gjson.Result) bool {
		c.pushIndex(i)
		if !c.ignored() {
			c.value(c.template(d.Items, item), item, trunc)
		}
		c.pop()
		i++
		return !c.counting || c.count <= c.limit
	})
	if i == 0 && !c.counting {
		c.warnHere(harness.WarnNoItems, d, "the response has no items where the docs show %d, so their shape could not be checked", len(d.Items))
	}
}

func (c *comparer) arrayExact(d *docjson.Value, a gjson.Result, trunc bool) {
	i := 0
	a.ForEach(func(_, item gjson.Result) bool {
		c.pushIndex(i)
		switch {
		case c.ignored():
		case i < len(d.Items):
			c.value(&d.Items[i], item, trunc)
		case !trunc && !d.Truncated:
			if c.counting {
				c.count++
			} else {
				c.record(harness.Difference{Kind: harness.DiffUnexpected, Path: c.pathString(), Expected: json.RawMessage("null"),
					Actual: c.raw(item.Raw), Message: fmt.Sprintf("item %d is not documented (the docs show %d)", i, len(d.Items)), Line: c.line(d)})
			}
		}
		c.pop()
		i++
		return true
	})
	for ; i < len(d.Items); i++ {
		c.pushIndex(i)
		if !c.ignored() {
			c.diffMissing(&d.Items[i], "item "+strconv.Itoa(i))
		}
		c.pop()
	}
}

// odataTypePath is gjson.Escape("@odata.type").
const odataTypePath = `\@odata\.type`

// template picks the documented item an actual item is checked against: among the
// documented items with the same @odata.type when there are any, else among all, the one
// it differs least from.
func (c *comparer) template(items []docjson.Value, item gjson.Result) *docjson.Value {
	if len(items) == 1 {
		return &items[0]
	}
	cands := c.sameType(items, item)
	if len(cands) == 1 {
		return &items[cands[0]]
	}
	ak := actualKind(item)
	best, bestCount := -1, 0
	try := func(i int) bool {
		if k := c.docKind(&items[i]); k != ak && items[i].Kind != docjson.Null {
			return false
		}
		dry := comparer{cfg: c.cfg, exp: c.exp, optional: c.optional, truncAll: c.truncAll, counting: true, limit: bestCount}
		if best < 0 {
			dry.limit = 1 << 30
		}
		dry.path = append(dry.path, c.path...)
		dry.value(&items[i], item, c.truncAll)
		if best < 0 || dry.count < bestCount {
			best, bestCount = i, dry.count
		}
		return bestCount == 0
	}
	if cands != nil {
		for _, i := range cands {
			if try(i) {
				break
			}
		}
	} else {
		for i := range items {
			if try(i) {
				break
			}
		}
	}
	if best < 0 {
		return &items[0]
	}
	return &items[best]
}

// sameType lists the documented items whose @odata.type is the actual item's (nil when
// the item has none or no documented item has it).
func (c *comparer) sameType(items []docjson.Value, item gjson.Result) []int {
	if item.Type != gjson.JSON || item.Raw[0] != '{' {
		return nil
	}
	t := item.Get(odataTypePath)
	if t.Type != gjson.String {
		return nil
	}
	var out []int
	for i := range items {
		if dt, ok := items[i].Get("@odata.type"); ok && dt.Kind == docjson.String &&
			strings.EqualFold(strings.TrimPrefix(dt.Text, "#"), strings.TrimPrefix(t.Str, "#")) {
			out = append(out, i)
		}
	}
	return out
}

func (c *comparer) line(d *docjson.Value) int {
	if c.bodyLine == 0 || d.Line == 0 {
		return 0
	}
	return c.bodyLine + d.Line - 1
}

func (c *comparer) push(key string) { c.path = append(c.path, key) }
func (c *comparer) pushIndex(i int) { c.path = append(c.path, "\x00"+strconv.Itoa(i)) }
func (c *comparer) pop()            { c.path = c.path[:len(c.path)-1] }

// pathString is the current path in gjson syntax: keys escaped, indexes as numbers.
func (c *comparer) pathString() string {
	var b strings.Builder
	for i, s := range c.path {
		if i > 0 {
			b.WriteByte('.')
		}
		switch {
		case strings.HasPrefix(s, "\x00"):
			b.WriteString(s[1:])
		case s == "":
			b.WriteString(`""`) // a key that is empty: not the whole body
		default:
			b.WriteString(gjson.Escape(s))
		}
	}
	return b.String()
}

func (c *comparer) ignored() bool {
	for _, p := range c.cfg.ignore {
		if p.match(c.path) {
			return true
		}
	}
	return false
}
