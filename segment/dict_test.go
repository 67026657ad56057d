package segment

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"
)

// TestDictVersion checks that DictVersion matches the embedded dictionary
// and domain.txt. When it fails, run `go run ./segment/gen_dict.go` from the
// module root.
func TestDictVersion(t *testing.T) {
	h := sha256.New()
	h.Write(zhDict)
	h.Write([]byte{0})
	h.Write([]byte(domainDict))
	sum := hex.EncodeToString(h.Sum(nil))[:12]
	if !strings.HasSuffix(DictVersion, "-"+sum) {
		t.Errorf("DictVersion %q is stale: the dictionary files hash to %s; run go run ./segment/gen_dict.go", DictVersion, sum)
	}
}

func TestDict(t *testing.T) {
	d, err := getDict()
	if err != nil {
		t.Fatal(err)
	}
	if d.len() < 300000 {
		t.Fatalf("dictionary has %d entries", d.len())
	}
	var total uint64
	for i := range d.len() {
		if i > 0 && bytes.Compare(d.key(i-1), d.key(i)) >= 0 {
			t.Fatalf("keys %q, %q out of order", d.key(i-1), d.key(i))
		}
		total += uint64(d.freq[i])
	}
	if total != d.total {
		t.Errorf("total %d, want %d", d.total, total)
	}

	// matches finds the entries that start a text, shortest first.
	text := []byte("调解成功率达100%")
	units := splitUnits(nil, text, nil)
	var got []string
	d.matches(text, units, 0, func(i, n int) {
		want := text[:units[n-1].end]
		if !bytes.Equal(d.key(i), want) {
			t.Errorf("match %q for %d units", d.key(i), n)
		}
		got = append(got, string(d.key(i)))
	})
	if strings.Join(got, " ") != "调 调解 调解成功率" {
		t.Errorf("matches = %q", got)
	}

	// Domain entries are merged in with their frequency.
	domain, err := parseDomain(domainDict)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range domain {
		var found bool
		d.matches([]byte(e.key), splitUnits(nil, []byte(e.key), nil), 0, func(i, n int) {
			if string(d.key(i)) == e.key {
				found = d.freq[i] == e.freq
			}
		})
		if !found {
			t.Errorf("domain entry %q missing", e.key)
		}
	}

	if _, err := decodeDict(zhDict[:len(zhDict)/2], nil); err == nil {
		t.Error("truncated dictionary decoded")
	}
}

func TestParseDomain(t *testing.T) {
	es, err := parseDomain("# comment\n\n乙词 300 n\n甲词\nABC\n")
	if err != nil {
		t.Fatal(err)
	}
	want := []entry{{"abc", domainFreq, domainPos}, {"乙词", 300, "n"}, {"甲词", domainFreq, domainPos}}
	if len(es) != len(want) {
		t.Fatalf("got %v", es)
	}
	for i := range want {
		if es[i] != want[i] {
			t.Errorf("entry %d = %v, want %v", i, es[i], want[i])
		}
	}
	for _, bad := range []string{"词 x", "词 1", "词 3 n extra", "词\n词"} {
		if _, err := parseDomain(bad); err == nil {
			t.Errorf("parseDomain(%q) succeeded", bad)
		}
	}
}

func TestFold(t *testing.T) {
	text := []byte("Ａ１　b、")
	folded, orig := fold(text)
	if string(folded) != "A1 b、" {
		t.Errorf("fold = %q", folded)
	}
	want := []int{0, 3, 6, 9, 10, 10 + 1, 10 + 2, 13}
	if len(orig) != len(folded)+1 {
		t.Fatalf("orig = %v", orig)
	}
	for i := range want {
		if orig[i] != want[i] {
			t.Errorf("orig = %v, want %v", orig, want)
			break
		}
	}
	if f, o := fold([]byte("无全角")); string(f) != "无全角" || o != nil {
		t.Errorf("fold without full-width forms = %q, %v", f, o)
	}
}
