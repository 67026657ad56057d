package segment

import (
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

// Names under which package segment registers with bleve's registry when it
// is imported.
const (
	// TokenizerName is the tokenizer that emits Tokens: words and
	// sub-words.
	TokenizerName = "baogao_gse"
	// AnalyzerName is the analyzer for indexing and searching report text:
	// the TokenizerName tokenizer, whose terms are already folded and
	// lowered (ASCII) and never pure punctuation or whitespace.
	AnalyzerName = "baogao_zh"

	// WordsTokenizerName is the tokenizer that emits main words only.
	WordsTokenizerName = "baogao_gse_words"
	// SearchAnalyzerName analyzes queries against fields indexed with
	// AnalyzerName without adding sub-words: the index already holds them,
	// so 调解成功率 then matches the term 调解成功率 alone, not also every
	// document that mentions 成功.
	SearchAnalyzerName = "baogao_zh_search"
)

func init() {
	must(registry.RegisterTokenizer(TokenizerName, tokenizerConstructor(true)))
	must(registry.RegisterTokenizer(WordsTokenizerName, tokenizerConstructor(false)))
	must(registry.RegisterAnalyzer(AnalyzerName, analyzerConstructor(TokenizerName)))
	must(registry.RegisterAnalyzer(SearchAnalyzerName, analyzerConstructor(WordsTokenizerName)))
}

func must(err error) {
	if err != nil {
		panic("segment: " + err.Error())
	}
}

func tokenizerConstructor(subs bool) registry.TokenizerConstructor {
	return func(map[string]interface{}, *registry.Cache) (analysis.Tokenizer, error) {
		return tokenizer{subs: subs}, nil
	}
}

func analyzerConstructor(tokenizerName string) registry.AnalyzerConstructor {
	return func(_ map[string]interface{}, cache *registry.Cache) (analysis.Analyzer, error) {
		t, err := cache.TokenizerNamed(tokenizerName)
		if err != nil {
			return nil, err
		}
		return &analysis.DefaultAnalyzer{Tokenizer: t}, nil
	}
}

// tokenizer is a bleve tokenizer over analyze.
type tokenizer struct{ subs bool }

func (t tokenizer) Tokenize(input []byte) analysis.TokenStream {
	toks, lower := cutText(input, t.subs)
	all := make([]analysis.Token, len(toks))
	stream := make(analysis.TokenStream, len(toks))
	for i, tk := range toks {
		term := lower[tk.lo:tk.hi:tk.hi] // terms share lower, as bleve's tokenizers share their input
		all[i] = analysis.Token{
			Term:     term,
			Start:    int(tk.start),
			End:      int(tk.end),
			Position: int(tk.pos),
			Type:     tokenType(term),
		}
		stream[i] = &all[i]
	}
	return stream
}

// tokenType classifies a term the way bleve's unicode tokenizer does.
func tokenType(term []byte) analysis.TokenType {
	typ := analysis.Numeric
	for _, r := range string(term) {
		switch {
		case unicode.Is(unicode.Han, r):
			return analysis.Ideographic
		case r < utf8.RuneSelf && '0' <= r && r <= '9':
		default:
			typ = analysis.AlphaNumeric
		}
	}
	return typ
}
