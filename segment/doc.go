// Package segment cuts Chinese report text into words for indexing and
// search.
//
// Words come from gse's dictionary-based segmentation (shortest path, no
// HMM) over gse's simplified-Chinese dictionary, which is embedded in the
// binary (zh_s.dict.gz), merged with the domain dictionary domain.txt so
// that terms such as 调解成功率 and 一村一法律顾问 stay whole. The shortest
// path is computed here over a trie built for it (cut.go), which is two and
// a half times as fast as gse's own Segment and builds in a tenth of the
// time; TestMatchesGSE holds it to gse's result, token for token. Before
// segmenting, full-width ASCII forms and the ideographic space are folded to
// ASCII and ASCII letters are lowered; token offsets still point into the
// original text.
//
// Besides each word, Tokens emits the dictionary words inside it
// (sub-words) at the same position, so that a search for 调解 finds
// 调解成功率 while phrase positions stay consecutive.
//
// Building the trie of the whole dictionary takes about 0.1 s. Short texts
// such as queries are therefore cut, until it is built, with a trie of just
// the dictionary entries that occur in them, which gives exactly the same
// words (see subsetTrie). Long texts, and Preload, build the full trie once.
//
// Importing the package registers with bleve the tokenizer TokenizerName,
// the analyzer AnalyzerName for indexing, and SearchAnalyzerName for
// queries against fields indexed with AnalyzerName.
//
// DictVersion changes whenever the dictionary, domain.txt or the rules for
// cutting change; after editing domain.txt run
//
//	go run ./segment/gen_dict.go
//
// from the module root (TestDictVersion fails until then).
package segment
