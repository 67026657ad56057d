package serve

import (
	"context"
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"baogao/corpus"
	"baogao/extract"
	"baogao/render"
)

// browserTimeout bounds each step in the browser; a step waits for
// evidence in the page, never for a fixed time.
const browserTimeout = 60 * time.Second

// chromium finds a Chromium or Chrome to drive; "" when there is none.
func chromium() string {
	if p := os.Getenv("BAOGAO_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// browserTab starts a headless Chromium for a test and returns its tab,
// and a counter of the JavaScript dialogs (alert, confirm) pages opened,
// which are closed as they open. Without Chromium the test is skipped.
func browserTab(t *testing.T) (context.Context, *atomic.Int32) {
	t.Helper()
	path := chromium()
	if path == "" && os.Getenv("BAOGAO_BROWSER_TESTS") == "required" {
		t.Fatal("no Chromium on PATH, and BAOGAO_BROWSER_TESTS=required")
	}
	if path == "" {
		t.Skip("no Chromium on PATH (chromium, chromium-browser or google-chrome, or BAOGAO_CHROMIUM): the browser tests need it; apt-get install chromium fonts-wqy-zenhei (.ci/run does)")
	}
	actx, cancel := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(path), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck, chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1280, 900),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-dev-shm-usage", true))
	t.Cleanup(cancel)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil { // starts the browser, with no deadline
		t.Fatalf("start Chromium: %v", err)
	}
	var dialogs atomic.Int32
	events := chromedp.Events(ctx, page.JavascriptDialogOpening)
	go func() {
		for _, err := range events {
			if err != nil {
				return
			}
			dialogs.Add(1)
			chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: true})
		}
	}()
	return ctx, &dialogs
}

// run runs steps in the tab with the step deadline.
func run(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	sctx, cancel := context.WithTimeout(ctx, browserTimeout)
	defer cancel()
	if err := chromedp.Do(sctx, steps...); err != nil {
		t.Fatal(err)
	}
}

// eval evaluates a JavaScript expression in the tab.
func eval[T any](t *testing.T, ctx context.Context, expr string, opts ...chromedp.EvaluateOption) T {
	t.Helper()
	sctx, cancel := context.WithTimeout(ctx, browserTimeout)
	defer cancel()
	v, err := chromedp.Run(sctx, chromedp.Evaluate[T](expr, opts...))
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return v
}

// sampleRates are the 调解成功率 the sample reports state, read from the
// files by extraction (not from the index): town, the body when not the
// town, the value as written, and its evidence.
func sampleRates(t *testing.T) (towns []string, rates []extract.Record) {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "reports", "*.txt"))
	var l corpus.Loader
	var x extract.Extractor
	for _, f := range files {
		doc, err := l.Load(f)
		if err != nil {
			t.Fatal(err)
		}
		rep := x.NewReport(doc)
		towns = append(towns, rep.Meta.Town.Value)
		for _, ind := range rep.Indicators {
			if ind.ID == "mediation_success_rate" && ind.Scope == extract.ScopeAchievement {
				rates = append(rates, extract.Record{Source: rep.Source(), Indicator: ind})
			}
		}
	}
	if len(towns) != 5 || len(rates) < 4 {
		t.Fatalf("samples: %d towns, %d rates", len(towns), len(rates))
	}
	return towns, rates
}

// tableRows reads the comparison table of the page: each row's header
// and cells as the reader sees them.
func tableRows(t *testing.T, ctx context.Context) [][]string {
	return eval[[][]string](t, ctx, `Array.from(document.querySelectorAll('#compare-table tbody tr')).map(
		tr => Array.from(tr.children).map(c => c.innerText.trim()))`)
}

func TestBrowserCompareShowsEveryTownAndDrawsAChart(t *testing.T) {
	_, ts := newTestServer(t, fixtureIndex(t))
	ctx, dialogs := browserTab(t)
	run(t, ctx, chromedp.Navigate(ts.URL+"/compare?term=调解成功率"), chromedp.WaitVisible(chromedp.CSS("#compare-table")))
	rows := tableRows(t, ctx)
	towns, rates := sampleRates(t)
	for _, town := range towns {
		found := false
		for _, r := range rows {
			found = found || strings.HasPrefix(r[0], town+" ")
		}
		if !found {
			t.Errorf("no row of %s in %q", town, rows)
		}
	}
	for _, rec := range rates {
		want := render.FormatValue(rec.Indicator)
		found := false
		for _, r := range rows {
			if strings.HasPrefix(r[0], rec.Town+" ") && (rec.Subject == "" || strings.HasSuffix(r[0], "· "+rec.Subject)) && strings.Contains(strings.Join(r[1:], "|"), want) {
				found = true
			}
		}
		if !found {
			t.Errorf("%s %s %s is not in the table %q", rec.Town, rec.Subject, want, rows)
		}
	}
	// The chart: ECharts drew a canvas, and its one series has a bar for
	// every row with a value (the latest of each row).
	run(t, ctx, chromedp.Poll[chromedp.Void](`document.getElementById('chart').dataset.drawn === 'yes'`))
	if n := eval[int](t, ctx, `document.querySelectorAll('#chart canvas').length`); n == 0 {
		t.Errorf("the chart has no canvas")
	}
	points := eval[int](t, ctx, `echarts.getInstanceByDom(document.getElementById('chart')).getOption().series[0].data.filter(v => v !== null).length`)
	withValue := 0
	for _, r := range rows {
		if strings.Trim(strings.Join(r[1:], ""), "—") != "" {
			withValue++
		}
	}
	if points != withValue || points < len(rates) {
		t.Errorf("the chart has %d bars; %d rows have a value, and the samples state %d rates", points, withValue, len(rates))
	}
	if dialogs.Load() != 0 {
		t.Errorf("a dialog opened")
	}
}

func TestBrowserClickOpensTheEvidence(t *testing.T) {
	_, ts := newTestServer(t, fixtureIndex(t))
	ctx, _ := browserTab(t)
	_, rates := sampleRates(t)
	var want extract.Record
	for _, r := range rates {
		if r.Town == "永兴镇" {
			want = r
		}
	}
	run(t, ctx, chromedp.Navigate(ts.URL+"/compare?term=调解成功率"), chromedp.WaitVisible(chromedp.CSS("#compare-table")))
	sel := `//table[@id="compare-table"]//tr[th[starts-with(., "永兴镇")]]//a`
	run(t, ctx, chromedp.Click(sel), chromedp.WaitVisible(chromedp.CSS("mark.current")))
	loc := eval[string](t, ctx, `location.pathname + location.hash`)
	if !strings.HasPrefix(loc, "/report/") || !strings.Contains(loc, "#f") {
		t.Errorf("the click went to %s", loc)
	}
	got := eval[string](t, ctx, `document.querySelector('mark.current').textContent`)
	if got != want.Evidence || !strings.Contains(got, "97%") {
		t.Errorf("marked %q, want the evidence %q", got, want.Evidence)
	}
	// The anchor of the fragment is the figure's, and its sentence is in
	// view.
	if ok := eval[bool](t, ctx, `(() => { const a = document.getElementById(location.hash.slice(1));
		const r = document.querySelector('mark.current').getBoundingClientRect();
		return a !== null && r.top >= 0 && r.top < window.innerHeight; })()`); !ok {
		t.Errorf("the evidence is not in view at %s", loc)
	}
}

func TestBrowserHostileReportIsInert(t *testing.T) {
	srv, ts := newTestServer(t, fixtureIndex(t))
	_, st, _ := srv.open()
	id := ""
	for i, r := range st.reports {
		if strings.Contains(r.Path, "恶意镇") {
			id = st.ids[i]
		}
	}
	ctx, dialogs := browserTab(t)
	for _, path := range []string{"/report/" + id, "/search?q=alert", "/compare?term=" + "<script>", "/check?code=missing_part"} {
		run(t, ctx, chromedp.Navigate(ts.URL+path), chromedp.WaitVisible(chromedp.CSS("main")))
		n := eval[int](t, ctx, `document.querySelectorAll('main img, main script, main iframe, a[href^="javascript:"], [onerror]').length`)
		if n != 0 {
			t.Errorf("%s: %d active elements from the report", path, n)
		}
		if text := eval[string](t, ctx, `document.body.innerText`); strings.ContainsRune(text, '\u202e') {
			t.Errorf("%s: a direction override reached the page", path)
		}
	}
	run(t, ctx, chromedp.Navigate(ts.URL+"/report/"+id), chromedp.WaitVisible(chromedp.CSS("article.text")))
	text := eval[string](t, ctx, `document.querySelector('article.text').textContent`)
	for _, want := range []string{"<script>alert('script')</script>", "<img src=x onerror=alert('img')>", `<a href="javascript:alert('link')">`} {
		if !strings.Contains(text, want) {
			t.Errorf("the report does not show %q as text", want)
		}
	}
	if dialogs.Load() != 0 {
		t.Errorf("%d dialogs opened", dialogs.Load())
	}
}

func TestBrowserSearchShowsTheQueryAsText(t *testing.T) {
	_, ts := newTestServer(t, fixtureIndex(t))
	ctx, dialogs := browserTab(t)
	q := "<img src=x onerror=alert(1)>"
	run(t, ctx, chromedp.Navigate(ts.URL+"/search?q="+q), chromedp.WaitVisible(chromedp.CSS("#no-hits")))
	if got := eval[string](t, ctx, `document.querySelector('h1 .query').textContent`); got != q {
		t.Errorf("the heading shows %q, want %q", got, q)
	}
	if got := eval[string](t, ctx, `document.querySelector('input[name=q]').value`); got != q {
		t.Errorf("the search box holds %q", got)
	}
	if n := eval[int](t, ctx, `document.images.length + document.querySelectorAll('[onerror]').length`); n != 0 {
		t.Errorf("%d img elements or onerror attributes", n)
	}
	if dialogs.Load() != 0 {
		t.Errorf("a dialog opened")
	}
}

func TestBrowserCSVIsWhatTheTableShows(t *testing.T) {
	_, ts := newTestServer(t, fixtureIndex(t))
	ctx, _ := browserTab(t)
	for _, path := range []string{"/compare?term=调解成功率&sort=-2024", "/compare?term=调解成功率&term=disputes_handled&term=枫桥经验", "/compare?term=调解成功率&by=county"} {
		run(t, ctx, chromedp.Navigate(ts.URL+path), chromedp.WaitVisible(chromedp.CSS("#compare-table")))
		rows := tableRows(t, ctx)
		header := eval[[]string](t, ctx, `Array.from(document.querySelectorAll('#compare-table thead th')).slice(1).map(th => th.querySelector('a').textContent)`)
		body := eval[string](t, ctx, `fetch(document.getElementById('csv').href).then(r => r.text())`, chromedp.EvalAwaitPromise)
		recs, err := csv.NewReader(strings.NewReader(body)).ReadAll()
		if err != nil {
			t.Fatalf("%s: CSV: %v", path, err)
		}
		if len(recs) != len(rows)+1 {
			t.Fatalf("%s: CSV has %d rows, the table %d", path, len(recs)-1, len(rows))
		}
		if got := strings.Join(recs[0][5:], "|"); got != strings.Join(header, "|") {
			t.Errorf("%s: CSV columns %s, table %s", path, got, strings.Join(header, "|"))
		}
		for i, r := range rows {
			csvRow := append([]string{recs[i+1][0]}, recs[i+1][5:]...)
			if strings.Join(csvRow, "|") != strings.Join(r, "|") {
				t.Errorf("%s: row %d: CSV %q, table %q", path, i, csvRow, r)
			}
		}
	}
}

// BenchmarkChart measures, in headless Chromium, how long the compare
// page's chart takes to draw after the page has loaded, and to draw again
// after a zoom and after a hover, with as many bars as the index gives
// rows (the latest value of each town). BAOGAO_BENCH_INDEX names the
// index (see BenchmarkPages), BAOGAO_BENCH_CHART more parameters of the
// page (years=2022-2024); the bars are reported as a metric.
//
//	BAOGAO_BENCH_INDEX=/tmp/s10k.index go test ./serve -run '^$' -bench Chart -benchtime 3x
func BenchmarkChart(b *testing.B) {
	path := os.Getenv("BAOGAO_BENCH_INDEX")
	if path == "" {
		path = fixtureIndex(b)
	}
	bin := chromium()
	if bin == "" {
		b.Skip("no Chromium on PATH")
	}
	_, ts := newTestServer(b, path)
	actx, cancel := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(bin), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.UserDataDir(b.TempDir()), chromedp.WindowSize(1280, 900), chromedp.Flag("disable-dev-shm-usage", true))
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	if err := chromedp.Do(ctx); err != nil {
		b.Fatal(err)
	}
	var draw, page, zoom, zoomDone, hover, bars float64
	for b.Loop() {
		if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/compare?term=调解成功率&"+os.Getenv("BAOGAO_BENCH_CHART")),
			chromedp.Poll[chromedp.Void](`document.getElementById('chart').dataset.drawn === 'yes'`, chromedp.WithPollingTimeout(time.Minute))); err != nil {
			b.Fatal(err)
		}
		sctx, scancel := context.WithTimeout(ctx, browserTimeout)
		m, err := chromedp.Run(sctx, chromedp.Evaluate[map[string]float64](`(async () => {
			const el = document.getElementById('chart'), c = echarts.getInstanceByDom(el);
			const frame = () => new Promise(res => requestAnimationFrame(() => requestAnimationFrame(res)));
			// A zoom: the time the page is busy (the action and the frame
			// after it), then until ECharts says it has finished drawing.
			let t0 = performance.now();
			const zoomed = new Promise(res => { const done = () => { c.off('finished', done); res(); }; c.on('finished', done); });
			c.dispatchAction({type: 'dataZoom', start: 40, end: 60});
			await frame();
			const zoom = performance.now() - t0;
			await zoomed;
			const zoomDone = performance.now() - t0;
			t0 = performance.now();
			c.dispatchAction({type: 'showTip', seriesIndex: 0, dataIndex: 10});
			await frame();
			const hover = performance.now() - t0;
			return {draw: Number(el.dataset.drawnAt) - performance.timing.responseEnd, zoom, zoomDone, hover,
				page: performance.timing.domContentLoadedEventEnd - performance.timing.responseEnd,
				bars: c.getOption().series[0].data.length};
		})()`, chromedp.EvalAwaitPromise))
		scancel()
		if err != nil {
			b.Fatal(err)
		}
		draw += m["draw"]
		page += m["page"]
		zoom += m["zoom"]
		zoomDone += m["zoomDone"]
		hover += m["hover"]
		bars = m["bars"]
	}
	n := float64(b.N)
	b.ReportMetric(draw/n, "draw-ms")
	b.ReportMetric(page/n, "page-ms")
	b.ReportMetric(zoom/n, "zoom-ms")
	b.ReportMetric(zoomDone/n, "zoom-drawn-ms")
	b.ReportMetric(hover/n, "hover-ms")
	b.ReportMetric(bars, "bars")
}
