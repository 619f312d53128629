#!/bin/sh
# rpcgen.sh MODE IN.x OUT: runs rpcgen (MODE -h for the header, -c for the
# XDR routines) and makes the generated code include its header by plain
# file name, as rpcgen would write the absolute path of IN otherwise.
set -e
mode=$1; in=$2; out=$3
base=$(basename "$in" .x)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$in" "$tmp/$base.x"
(cd "$tmp" && rpcgen "$mode" -o out "$base.x")
if [ "$mode" = "-c" ]; then
    # Generated code is not ours to warn about; keep our strict flags elsewhere.
    { echo '#pragma GCC diagnostic ignored "-Wunused-variable"'; \
      echo '#pragma GCC diagnostic ignored "-Wunused-parameter"'; \
      sed "s|#include \"$base.h\"|#include \"$base.h\"|" "$tmp/out"; } > "$out"
else
    cp "$tmp/out" "$out"
fi
