package corpus

import (
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// ManifestName is the file, in a report folder or any folder above it, that
// overrides what reports say about themselves. It is CSV with a header row;
// the columns are path (relative to the manifest's folder), town, county,
// city, province, year, in any order; empty cells override nothing.
const ManifestName = "manifest.csv"

// Loader reads report files into Docs. It caches the manifests it has read,
// so one Loader should serve a whole run. It is safe for concurrent use.
type Loader struct {
	// MaxSize is the largest file read, in bytes; 0 means MaxFileSize.
	MaxSize int64

	mu        sync.Mutex
	manifests map[string]*manifest // by folder
}

// Load reads, decodes and normalises one report and reads its metadata,
// applying file-name and manifest overrides. The error names the file and
// what to do.
func (l *Loader) Load(path string) (*Doc, error) {
	max := l.MaxSize
	if max <= 0 {
		max = MaxFileSize
	}
	raw, err := readRaw(path, max)
	if err != nil {
		return nil, err
	}
	x, err := readText(path, raw)
	if err != nil {
		return nil, textError(path, err)
	}
	if int64(len(x.text)) > max {
		return nil, tooLarge(path, "text of "+humanBytes(int64(len(x.text))), max)
	}
	doc, simple := build(path, raw, x)
	m, err := l.manifestFor(path)
	if err != nil {
		doc.Warnings = append(doc.Warnings, Warning{Code: "manifest_error", Message: err.Error()})
	} else if m != nil {
		m.apply(&doc.Meta, path)
	}
	doc.Warnings = append(doc.Warnings, resolvePlace(&doc.Meta, simple)...)
	return doc, nil
}

// Parse makes a Doc from a report's bytes, as Load does from a file but
// without reading the disk: no size limit and no manifest. path is used for
// the name and for metadata in it.
func Parse(path string, raw []byte) (*Doc, error) {
	x, err := readText(path, raw)
	if err != nil {
		return nil, textError(path, err)
	}
	doc, simple := build(path, raw, x)
	doc.Warnings = append(doc.Warnings, resolvePlace(&doc.Meta, simple)...)
	return doc, nil
}

// build makes a Doc of a file's text. It also returns the normalised text
// through Simplify, which placing the report reads.
func build(path string, raw []byte, x docText) (*Doc, string) {
	sum := sha256.Sum256(raw)
	doc := &Doc{
		Path:     filepath.ToSlash(path),
		Hash:     hex.EncodeToString(sum[:]),
		Format:   x.format,
		Encoding: x.enc,
		Size:     int64(len(raw)),
	}
	var furniture []string
	doc.Text, doc.Warnings, furniture = normalize(x.text)
	if len(x.warns) > 0 {
		doc.Warnings = append(x.warns, doc.Warnings...)
	}
	if x.format == FormatHTML && x.page.date != "" {
		// A saved page's own publishing date dates it as its 发布日期
		// line would.
		furniture = append(furniture, "发布日期:"+x.page.date)
	}
	simple := Simplify(doc.Text)
	doc.Meta = readMeta(doc.Text, simple, furniture)
	if x.format == FormatHTML {
		applyPage(&doc.Meta, x.page)
	}
	applyPath(&doc.Meta, path)
	return doc, simple
}

var (
	fileYearRE = regexp.MustCompile(`(?:^|[^\d])((?:19|20)\d{2})(?:[^\d]|$)`)
	yearDirRE  = regexp.MustCompile(`^(?:19|20)\d{2}$`)
)

// applyPath lets the file's name and folders override the text: a town and
// year in the name (王团镇_2024.txt), a year folder (2024/王团镇.txt), a
// county or city folder (同心县/王团镇-2024.txt).
func applyPath(m *Meta, path string) {
	path = filepath.ToSlash(path)
	parts := strings.Split(path, "/")
	base := strings.TrimSuffix(parts[len(parts)-1], filepath.Ext(path))
	if p, ok := placeInName(base); ok {
		m.Town = Field{p.town, SourceFileName}
		override(&m.County, p.county)
		override(&m.City, p.city)
		override(&m.Province, p.province)
	}
	if y := fileYearRE.FindStringSubmatch(base); y != nil {
		m.Year, m.YearSource, m.YearHint = atoi(y[1]), SourceFileName, ""
	}
	for _, dir := range parts[:len(parts)-1] {
		switch {
		case yearDirRE.MatchString(dir) && m.YearSource != SourceFileName:
			m.Year, m.YearSource, m.YearHint = atoi(dir), SourceFileName, ""
		case isDivision(dir, "省", "自治区"):
			override(&m.Province, dir)
		case isDivision(dir, "自治州", "市", "州", "盟", "地区") && !isDivision(dir, "县", "区", "旗"):
			// A county-level city (大安市) is a county, not a city.
			if l := nameLevels(dir); l&levelCounty != 0 && l&levelCity == 0 {
				override(&m.County, dir)
			} else {
				override(&m.City, dir)
			}
		case isDivision(dir, "县", "区", "旗", "自治县"):
			override(&m.County, dir)
		}
	}
}

// isDivision reports whether a folder name is a place name with one of the
// given suffixes (同心县, 吴忠市), and not a generic folder name.
func isDivision(dir string, suffixes ...string) bool {
	n := []rune(dir)
	if len(n) < 2 || len(n) > 12 || strings.ContainsAny(dir, " ._-0123456789") {
		return false
	}
	for _, s := range suffixes {
		if strings.HasSuffix(dir, s) && len(n) > len([]rune(s)) {
			return true
		}
	}
	return false
}

func override(f *Field, v string) {
	if v != "" {
		*f = Field{v, SourceFileName}
	}
}

// manifest is one parsed manifest.csv.
type manifest struct {
	dir  string
	rows map[string]map[string]string // by slash path relative to dir
}

// manifestFor returns the nearest manifest at or above path's folder.
func (l *Loader) manifestFor(path string) (*manifest, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, nil
	}
	for dir := filepath.Dir(abs); ; dir = filepath.Dir(dir) {
		m, err := l.manifestIn(dir)
		if m != nil || err != nil {
			return m, err
		}
		if parent := filepath.Dir(dir); parent == dir {
			return nil, nil
		}
	}
}

// manifestIn returns the manifest in dir, nil when there is none.
func (l *Loader) manifestIn(dir string) (*manifest, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if m, ok := l.manifests[dir]; ok {
		return m, nil
	}
	if l.manifests == nil {
		l.manifests = map[string]*manifest{}
	}
	name := filepath.Join(dir, ManifestName)
	f, err := os.Open(name)
	if err != nil {
		l.manifests[dir] = nil
		return nil, nil
	}
	defer f.Close()
	m, err := parseManifest(dir, f)
	if err != nil {
		l.manifests[dir] = nil
		return nil, fmt.Errorf("read %s: %w; fix the file or remove it", filepath.ToSlash(name), err)
	}
	l.manifests[dir] = m
	return m, nil
}

// manifestColumns are the columns a manifest may have besides path.
var manifestColumns = []string{"town", "county", "city", "province", "year"}

func parseManifest(dir string, r io.Reader) (*manifest, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("no header row: %w", err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))] = i
	}
	pi, ok := col["path"]
	if !ok {
		return nil, fmt.Errorf("no path column in header %q", strings.Join(head, ","))
	}
	m := &manifest{dir: dir, rows: map[string]map[string]string{}}
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if pi >= len(rec) || strings.TrimSpace(rec[pi]) == "" {
			continue
		}
		row := map[string]string{}
		for _, c := range manifestColumns {
			if i, ok := col[c]; ok && i < len(rec) {
				row[c] = strings.TrimSpace(rec[i])
			}
		}
		if y := row["year"]; y != "" {
			if n, err := strconv.Atoi(y); err != nil || n < 1900 || n > 2100 {
				return nil, fmt.Errorf("line %d: year %q is not a year", line, y)
			}
		}
		m.rows[filepath.ToSlash(filepath.Clean(strings.TrimSpace(rec[pi])))] = row
	}
	return m, nil
}

// apply overrides meta with the manifest row for path, if there is one.
func (m *manifest) apply(meta *Meta, path string) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return
	}
	rel, err := filepath.Rel(m.dir, abs)
	if err != nil {
		return
	}
	row, ok := m.rows[filepath.ToSlash(rel)]
	if !ok {
		return
	}
	set := func(f *Field, v string) {
		if v != "" {
			*f = Field{v, SourceManifest}
		}
	}
	set(&meta.Town, row["town"])
	set(&meta.County, row["county"])
	set(&meta.City, row["city"])
	set(&meta.Province, row["province"])
	if y := row["year"]; y != "" {
		meta.Year, meta.YearSource, meta.YearHint = atoi(y), SourceManifest, ""
	}
}
