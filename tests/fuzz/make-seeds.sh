#!/usr/bin/env bash
# Rewrites the fuzzers' fixtures (tests/fuzz/fixtures) and seed corpora (tests/fuzz/corpus) from
# real files: a root chain, signed snapshot and delta bundles made by kiosk-sync from the demo
# content (assets/content), and the demo content files themselves. The secret keys live only in
# a temporary folder: the fixtures and seeds need public keys and signatures, never secrets.
#
#   tests/fuzz/make-seeds.sh [KIOSK_SYNC]     (default: build/bin/kiosk-sync of the main build)
#
# Run it only to refresh the seeds (new manifest fields, new content files): the fixtures and
# the manifest seeds are made together and must stay from the same run.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
K="${1:-$ROOT/build/bin/kiosk-sync}"
[ -x "$K" ] || { echo "make-seeds: $K not found (build the project first)" >&2; exit 1; }
command -v zstd >/dev/null || { echo "make-seeds: the zstd program is needed" >&2; exit 1; }

T="$(mktemp -d)"
trap 'rm -rf "$T"' EXIT
q() { "$@" >/dev/null; }

# Keys and the root chain: 1 (root key r1, content key c1), 2 (root key r2, signed by r1 and r2;
# adds c2, which expires before the fuzzers' "now" of 2026-12-01), 3 (adds c3, revokes c2).
for k in root1 root2; do q "$K" keygen --kind root --out "$T/$k"; done
for k in c1 c2 c3; do q "$K" keygen --kind content --out "$T/$k"; done
q "$K" rotate-key --root-dir "$T/roots" --root-key "$T/root1.key" --add-content "$T/c1.pub" --content-expires 2030-12-31
q "$K" rotate-key --root-dir "$T/roots" --root-key "$T/root1.key" --new-root-key "$T/root2.key" \
  --add-content "$T/c2.pub" --content-expires 2026-06-30
q "$K" rotate-key --root-dir "$T/roots" --root-key "$T/root2.key" --add-content "$T/c3.pub" \
  --content-expires 2031-01-01 --revoke "$T/c2.pub"

# Bundles: a snapshot of the demo content plus one extra document, and the delta from it to
# the demo content as version 2 (one title changed, the extra document deleted).
cp -r "$ROOT/assets/content" "$T/src1"
cat >"$T/src1/documents/9999.json" <<'EOF'
[
  {
    "key": "doc-fuzz-0001",
    "index_no": "361199001/2026-99999",
    "title": "临澜县人民政府办公室关于政务公开专区终端试运行的通知",
    "agency": "xzf-office",
    "topic": "disclosure",
    "created": "2026-11-01",
    "published": "2026-11-02",
    "disclosure": "主动公开",
    "body": ["各乡镇人民政府，县政府各部门：", "政务公开专区终端自2026年12月1日起试运行。"]
  }
]
EOF
q "$K" pack --source "$T/src1" --out "$T/b1"
cp -r "$T/b1" "$T/b1-c2"; cp -r "$T/b1" "$T/b1-c3c1"; cp "$T/b1/manifest.json" "$T/unsigned.json"
q "$K" sign --key "$T/c1.key" --root-dir "$T/roots" "$T/b1"
q "$K" sign --key "$T/c2.key" "$T/b1-c2"
q "$K" sign --key "$T/c3.key" "$T/b1-c3c1"
q "$K" sign --key "$T/c1.key" "$T/b1-c3c1"
cp -r "$ROOT/assets/content" "$T/src2"
first="$(ls "$T/src2/documents" | sort | head -1)"
sed -i '0,/"title": "/s//"title": "（修订）/' "$T/src2/documents/$first"
q "$K" pack --source "$T/src2" --out "$T/b2" --base "$T/b1" --version 2 --key "$T/c1.key" --root-dir "$T/roots"

# Fixtures.
mkdir -p "$HERE/fixtures"
for v in 1 2 3; do cp "$T/roots/roots/$v.json" "$HERE/fixtures/root-$v.json"; done

c="$HERE/corpus"
# The reproducers of findings (repro-*) stay; every seed made here is made again.
mkdir -p "$c"/{fuzz_manifest,fuzz_root,fuzz_content_file,fuzz_decode}
find "$c" -type f ! -name 'repro-*' -delete

# fuzz_manifest: real manifests, signed by each kind of key, and unsigned.
cp "$T/b1/manifest.json" "$c/fuzz_manifest/snapshot-c1.json"
cp "$T/b2/manifest.json" "$c/fuzz_manifest/delta-c1.json"
cp "$T/b1-c2/manifest.json" "$c/fuzz_manifest/snapshot-c2-expired-or-revoked.json"
cp "$T/b1-c3c1/manifest.json" "$c/fuzz_manifest/snapshot-c3-c1.json"
cp "$T/unsigned.json" "$c/fuzz_manifest/snapshot-unsigned.json"

# fuzz_root: the chain.
for v in 1 2 3; do cp "$T/roots/roots/$v.json" "$c/fuzz_root/root-$v.json"; done

# fuzz_content_file: the first byte names the file (see fuzz_content_file.cpp).
byte() { printf "\\x$(printf '%02x' "$1")"; }
seed() {  # seed NAME BYTE FILE
  { byte "$2"; cat "$3"; } >"$c/fuzz_content_file/$1"
}
i=0
for name in meta agencies topics areas DOCS catalogue guides qa gazette announcements villages calendar statuses; do
  if [ "$name" != DOCS ] && [ -f "$ROOT/assets/content/$name.json" ]; then
    seed "$name.bin" "$i" "$ROOT/assets/content/$name.json"
  fi
  i=$((i + 1))
done
for f in "$ROOT"/assets/content/documents/*.json; do seed "documents-$(basename "$f" .json).bin" 4 "$f"; done
seed "meta-strict.bin" $((0x10)) "$ROOT/assets/content/meta.json"
office_key="$(sed -n 's/.*"office_public_key": "\([^"]*\)".*/\1/p' "$ROOT/assets/content/meta.json")"
cat >"$T/config.json" <<EOF
{
  "sync.url": "https://bundles.linlan.gov.cn/zwgk/",
  "intake.url": "https://intake.linlan.gov.cn/dav/",
  "idle.seconds": 90,
  "zone.profile": "county",
  "printer.receipt": "receipt80",
  "printer.a4": "staff-a4",
  "printer.server": "",
  "office.public_key": "$office_key"
}
EOF
seed "config.bin" 13 "$T/config.json"
seed "config-strict.bin" $((0x1d)) "$T/config.json"

# fuzz_decode: byte 0 the mode, bytes 1..4 a length (see fuzz_decode.cpp).
le32() { byte $(($1 & 255)); byte $(($1 >> 8 & 255)); byte $(($1 >> 16 & 255)); byte $(($1 >> 24 & 255)); }
dseed() {  # dseed NAME MODE LENGTH FILE
  { byte "$2"; le32 "$3"; cat "$4"; } >"$c/fuzz_decode/$1"
}
size() { wc -c <"$1" | tr -d ' '; }
deleted="$(sed -n '/"path": "deleted.json"/,/sha256/s/.*"sha256": "\([0-9a-f]*\)".*/\1/p' "$T/b2/manifest.json")"
zstd -q -19 -c "$T/b2/files/$deleted" >"$T/deleted.zst"
dseed deleted-zstd-own-length.bin 5 0 "$T/deleted.zst"
dseed deleted-plain.bin 2 0 "$T/b2/files/$deleted"
dseed deleted-verified.bin 7 "$(size "$T/b2/files/$deleted")" "$T/b2/files/$deleted"
n=0
# The compressed files of the snapshot (the packer compresses files over 4 KiB), smallest first.
while read -r sha raw; do
  [ "$(size "$T/b1/files/$sha")" -le 12000 ] || continue
  n=$((n + 1))
  dseed "zstd-$n-declared.bin" 0 "$raw" "$T/b1/files/$sha"
  [ "$n" -eq 1 ] && dseed "zstd-$n-verified.bin" 15 "$(size "$T/b1/files/$sha")" "$T/b1/files/$sha"
  [ "$n" -ge 3 ] && break
done < <(tr -d '\n ' <"$T/b1/manifest.json" | grep -o '{"encoding":"zstd","length":[0-9]*,"path":"[^"]*","raw_length":[0-9]*,"sha256":"[0-9a-f]*"}' |
         sed 's/.*"length":\([0-9]*\).*"raw_length":\([0-9]*\),"sha256":"\([0-9a-f]*\)".*/\1 \3 \2/' | sort -n | cut -d' ' -f2-)

du -sh "$c" "$HERE/fixtures"
