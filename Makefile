# Benchmarks on generated corpora; see `go run ./cmd/baogao bench --help`.
# Nothing else needs make: build and test with the go command.

.PHONY: bench bench-quick

bench:
	go run ./cmd/baogao bench --reports 10000,40000

bench-quick:
	go run ./cmd/baogao bench --reports 2000
