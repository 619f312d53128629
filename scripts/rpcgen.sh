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
    # rpcgen names the include guard after its output file ("out"): give each
    # header its own so net_protocol.h and remote_protocol.h can be included
    # together.
    guard=$(echo "$base" | tr 'a-z' 'A-Z')
    sed "s/_OUT_H_RPCGEN/_${guard}_H_RPCGEN/" "$tmp/out" > "$out"
fi
