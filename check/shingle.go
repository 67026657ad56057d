package check

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// mix is SplitMix64's finaliser.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

const polyBase = 0x100000001b3 // odd multiplier of the rolling hashes

func powBase(k int) uint64 {
	p := uint64(1)
	for i := 0; i < k; i++ {
		p *= polyBase
	}
	return p
}

var (
	powShingle = powBase(shingleRunes)
	powExact   = powBase(exactRunes)
)

// townNames are the spellings of a town masked in its own report: the full
// name and, if it is at least two characters, the name without its 镇, 乡
// or 街道 ending.
func townNames(town string) []string {
	if town == "" {
		return nil
	}
	names := []string{town}
	for _, suf := range []string{"街道办事处", "街道办", "街道", "镇人民政府", "乡人民政府", "人民政府", "镇", "乡"} {
		if stem, ok := strings.CutSuffix(town, suf); ok {
			if utf8.RuneCountInString(stem) >= 2 {
				names = append(names, stem)
			}
			break
		}
	}
	return names
}

// kept maps a character of the text to what the shingles see, or -1 if it
// is dropped.
func kept(r rune) rune {
	switch {
	case r >= 0x4E00 && r <= 0x9FFF: // CJK, the common case
		return r
	case r >= 0xFF21 && r <= 0xFF3A, r >= 0xFF41 && r <= 0xFF5A: // full-width Latin
		r -= 0xFEE0
	}
	if unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r) || unicode.IsDigit(r) ||
		unicode.Is(unicode.Cf, r) || unicode.IsControl(r) {
		return -1
	}
	return unicode.ToLower(r)
}

// normalized is a report reduced to its kept characters.
type normalized struct {
	start []int32 // byte offset in the text of each kept character
	end   []int32 // byte offset just after it (a masked town name spans several)
	hash  []uint32
}

// normalize reduces text to kept characters and hashes its shingles; with
// withPos it also keeps where each character came from.
func normalize(text, town string, withPos bool) normalized {
	var n normalized
	names := townNames(town)
	// next occurrence of each name
	nextAt := make([]int, len(names))
	for k, name := range names {
		nextAt[k] = strings.Index(text, name)
	}
	var h uint64
	var window [shingleRunes]rune
	count := 0
	n.hash = make([]uint32, 0, len(text)/3+1)
	if withPos {
		n.start = make([]int32, 0, len(text)/3+1)
		n.end = make([]int32, 0, len(text)/3+1)
	}
	emit := func(r rune, from, to int) {
		if withPos {
			n.start = append(n.start, int32(from))
			n.end = append(n.end, int32(to))
		}
		slot := count % shingleRunes
		old := window[slot]
		window[slot] = r
		h = h*polyBase + uint64(r) - uint64(old)*powShingle
		count++
		if count >= shingleRunes {
			v := uint32(mix(h) >> 32)
			if v == 0 {
				v = 1
			}
			n.hash = append(n.hash, v)
		}
	}
	for i := 0; i < len(text); {
		if len(names) > 0 {
			matched := 0
			for k, at := range nextAt {
				if at >= 0 && at < i {
					at = strings.Index(text[i:], names[k])
					if at >= 0 {
						at += i
					}
					nextAt[k] = at
				}
				if at == i {
					matched = len(names[k])
					break
				}
			}
			if matched > 0 {
				emit(townMark, i, i+matched)
				i += matched
				continue
			}
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if k := kept(r); k >= 0 {
			emit(k, i, i+size)
		}
		i += size
	}
	return n
}

// shingleSet returns the sorted, distinct shingle hashes of a text.
func shingleSet(text, town string) []uint32 {
	set := normalize(text, town, false).hash
	slices.Sort(set)
	set = slices.Compact(set)
	// The sets of a corpus are held together: one that has shrunk is
	// copied to its size, so that the larger array can go.
	if cap(set) > len(set)+len(set)/16 {
		return slices.Clone(set)
	}
	return slices.Clip(set)
}
