#!/usr/bin/env bash
# Runs the fuzzing harnesses on a larger machine (the 16-core device) that has no Swift toolchain; only the
# checkout (64 MiB of carried files at most) travels. Two halves:
#   pack  (here, in the project root):  bash Fuzz/many-core.sh pack
#         builds the harnesses with -sanitize=fuzzer,address and the Swift runtime linked in, strips them, and
#         leaves them with the C libraries they link, the seed corpora and dictionaries in .devfuzz/ (add
#         `/.devfuzz/` to .git/info/exclude). Three harnesses fit the carry limit (each is ~72 MB stripped, most
#         of it Foundation's ICU data): HARNESSES picks them (default FuzzQuery FuzzPages FuzzStorage).
#   run   (there, from the copied checkout's root, with .devfuzz/ carried along):
#         SECS=420 JOBS=5 OUT=<results dir> bash .devfuzz/many-core.sh run
#         runs every packed harness with JOBS jobs for SECS seconds, all at once, and copies each job's log and
#         any crash (art/) to $OUT/<harness>/. A second run on the same (still warm) machine goes on from the
#         corpus the first one grew in /tmp/devfuzz.
set -euo pipefail
mode=${1:-}
case "$mode" in
pack)
  harnesses=${HARNESSES:-FuzzQuery FuzzPages FuzzStorage}
  scratch=/tmp/devfuzz-scratch stage=$(mktemp -d)
  swift build --package-path Fuzz --build-path $scratch -Xswiftc -sanitize=fuzzer,address --static-swift-stdlib
  mkdir -p $stage/lib $stage/corpus
  for h in $harnesses; do
    cp $scratch/debug/$h $stage/ && strip --strip-all $stage/$h
    cp -r Fuzz/corpus/$h $stage/corpus/; [ -f Fuzz/$h.dict ] && cp Fuzz/$h.dict $stage/
    echo $h >> $stage/harnesses
  done
  for l in $(ldd $scratch/debug/${harnesses%% *} | awk '/=>/{print $3}' | grep -v -E 'libc.so|libm.so|libstdc|libgcc_s|libresolv'); do
    cp -L "$l" $stage/lib/; done
  rm -rf .devfuzz && mkdir .devfuzz
  (cd $stage && tar cf - .) | xz -T0 -9 > .devfuzz/devfuzz.tar.xz
  cp "$0" .devfuzz/many-core.sh; rm -rf $stage
  du -sh .devfuzz; echo "then, on the larger machine: SECS=420 JOBS=5 OUT=<dir> bash .devfuzz/many-core.sh run"
  ;;
run)
  root=$(pwd) D=/tmp/devfuzz; mkdir -p $D "$OUT"
  python3 -c "import lzma,tarfile; tarfile.open(fileobj=lzma.open('$root/.devfuzz/devfuzz.tar.xz')).extractall('$D')"
  export LD_LIBRARY_PATH=$D/lib SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0
  nproc
  for h in $(cat $D/harnesses); do
    mkdir -p $D/run-$h/work $D/run-$h/art
    dict=""; [ -f $D/$h.dict ] && dict="-dict=$D/$h.dict"
    ( cd $D/run-$h && $D/$h work $D/corpus/$h -max_total_time=${SECS:-420} -rss_limit_mb=4096 -timeout=10 \
        -max_len=65536 $dict -jobs=${JOBS:-5} -workers=${JOBS:-5} -artifact_prefix=$D/run-$h/art/ \
        -print_final_stats=1 > "$OUT/$h-main.log" 2>&1 ) &
  done
  wait
  for h in $(cat $D/harnesses); do
    runs=$(grep -h 'stat::number_of_executed_units' $D/run-$h/fuzz-*.log | awk '{s+=$2} END {print s}')
    echo "== $h: $runs executions, $(ls $D/run-$h/art | wc -l) crash files"
    mkdir -p "$OUT/$h"; cp $D/run-$h/fuzz-*.log "$OUT/$h/" 2>/dev/null || true; cp -r $D/run-$h/art "$OUT/$h/"
  done
  ;;
*) sed -n '2,15p' "$0"; exit 2 ;;
esac
