package render

import (
	"io"
	"strings"
	"testing"
)

func BenchmarkRenderTable(b *testing.B) {
	var rows [][]string
	for i := 0; i < 12000; i++ {
		rows = append(rows, []string{strings.Repeat("王团镇", i%3+1) + " (同心县) · 派出所", "98%", "—", "—", "100%*", "—", "—", "80%"})
	}
	for b.Loop() {
		t := newTable(io.Discard, []string{"", "2019", "2020", "2021", "2022", "2023", "2024", "2025"})
		for _, r := range rows {
			t.Append(r)
		}
		t.Render()
	}
}
