package serve

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
)

// The embedded assets: the workbench's script and style sheet, and Apache
// ECharts 6 (npm echarts, dist/echarts.min.js, Apache-2.0; LICENSE and
// NOTICE beside it), stored gzip'd as the server sends it
// (assets/update-echarts.sh replaces it).
//
//go:embed assets/app.js assets/style.css assets/echarts.min.js.gz assets/echarts-LICENSE assets/echarts-NOTICE
var assetFiles embed.FS

// asset is one file the workbench serves under /assets/.
type asset struct {
	body    []byte
	gzipped bool // body is gzip'd
	ctype   string
	version string // a digest of body, in its URL so that it can be cached for good
}

// assetTypes are the assets' names and content types.
var assetTypes = map[string]string{
	"app.js":          "text/javascript; charset=utf-8",
	"style.css":       "text/css; charset=utf-8",
	"echarts.min.js":  "text/javascript; charset=utf-8",
	"echarts-LICENSE": "text/plain; charset=utf-8",
	"echarts-NOTICE":  "text/plain; charset=utf-8",
}

// assets reads the embedded assets once.
var assets = sync.OnceValue(func() map[string]*asset {
	out := map[string]*asset{}
	for name, ctype := range assetTypes {
		a := &asset{ctype: ctype}
		var err error
		if a.body, err = assetFiles.ReadFile("assets/" + name); err != nil {
			a.body, err = assetFiles.ReadFile("assets/" + name + ".gz")
			a.gzipped = true
		}
		if err != nil {
			panic("serve: asset " + name + " is not embedded")
		}
		sum := sha256.Sum256(a.body)
		a.version = hex.EncodeToString(sum[:6])
		out[name] = a
	}
	return out
})

// assetURL is the URL of an embedded asset, with its version.
func assetURL(name string) string {
	a := assets()[name]
	if a == nil {
		return "/assets/" + name
	}
	return "/assets/" + name + "?v=" + a.version
}

// serveAsset sends an embedded asset: gzip'd as stored to a client that
// takes gzip, unpacked to one that does not; cached for a year when asked
// for by its versioned URL.
func serveAsset(w http.ResponseWriter, r *http.Request) {
	a := assets()[r.PathValue("name")]
	if a == nil {
		http.NotFound(w, r)
		return
	}
	h := w.Header()
	h.Set("Content-Type", a.ctype)
	h.Set("ETag", `"`+a.version+`"`)
	h.Add("Vary", "Accept-Encoding")
	if r.URL.Query().Get("v") == a.version {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		h.Set("Cache-Control", "no-cache")
	}
	if strings.Contains(r.Header.Get("If-None-Match"), a.version) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	body := a.body
	if a.gzipped {
		if acceptsGzip(r) {
			h.Set("Content-Encoding", "gzip")
		} else if zr, err := gzip.NewReader(bytes.NewReader(a.body)); err == nil {
			if body, err = io.ReadAll(zr); err != nil {
				http.Error(w, "asset damaged", http.StatusInternalServerError)
				return
			}
		}
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	if r.Method == http.MethodHead {
		return
	}
	w.Write(body)
}

// acceptsGzip reports whether the client takes gzip'd content.
func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		name, q, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.TrimSpace(name) == "gzip" && strings.ReplaceAll(q, " ", "") != "q=0" {
			return true
		}
	}
	return false
}
