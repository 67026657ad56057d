// Package serve is baogao's workbench: an index's corpus, searches,
// comparisons, reports and review as web pages that a reviewer sorts,
// filters and clicks through to the sentence that gave each number, and
// the same views as JSON under /api/.
//
// In: an index directory. Out: HTTP responses; the tables, statistics and
// downloads come from packages compare and render, built exactly as the
// command line builds them. What always holds: it only reads; report text
// reaches a page only through html/template's contextual escaping, never
// as markup; no page runs inline script (the Content-Security-Policy
// forbids it; scripts are static files that read the page's data from
// data attributes); reports are addressed by an ID, never by a path;
// every view's state is in its URL; every asset is embedded; an index that
// an ingest holds is answered with a page saying it is busy, and each
// request has a deadline.
package serve
