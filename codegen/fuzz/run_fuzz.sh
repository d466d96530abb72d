#!/bin/sh
# Builds the dispatch fuzzer with clang (libFuzzer + ASan + UBSan) and runs it. Arguments go to
# libFuzzer: the test suite passes -runs=20000; a long run is e.g. -max_total_time=3600.
# Works from Bazel's runfiles (generated sources at codegen/alltypes_*.c) or the source root.
set -eu
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
inc=.
if [ ! -f codegen/alltypes_codec.c ]; then
	/usr/bin/python3 tools/idlc gen codegen/testdata/alltypes.idl -o "$work/codegen"
	inc=$work
fi
clang -std=c11 -g -O1 -Wall -Wextra -Werror \
	-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
	-Ikernel/abi/include -Icodegen/runtime/include -Icodegen/runtime/fake -I"$inc" \
	codegen/fuzz/dispatch_fuzz.c "$inc/codegen/alltypes_codec.c" \
	"$inc/codegen/alltypes_server.c" codegen/runtime/fake/fake_transport.c \
	-o "$work/dispatch_fuzz"
mkdir "$work/corpus"
"$work/dispatch_fuzz" -seed=1 "$@" "$work/corpus" 2>"$work/log" || { tail -40 "$work/log"; exit 1; }
tail -3 "$work/log"
