#!/usr/bin/env bash
# Manyi build driver. Every step installs what it needs, so a fresh Debian 12 machine needs only
#   ./build.sh serve     (deps + build + serve dist/ on 127.0.0.1:8080)
#   ./build.sh test      (deps + build + unit tests + e2e tests in headless Chromium)
# Other subcommands: deps, build, bench, clean.  All of them are idempotent.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BUILD="$ROOT/build"
DEPS="$BUILD/deps"
DIST="$ROOT/dist"

# Toolchain workarounds for Debian's emscripten 3.1.6 (see docs/decisions.md).
export NODE_PATH=/usr/share/nodejs
export EMSDK_PYTHON=/usr/bin/python3

IMGUI_VERSION="1.90.1+ds-1"
IMGUI_DSC_SHA256="c4a51732584a10d46461c683ea82bc6f0f6a29954600d656725168e95b4826d8"
APT_PACKAGES=(emscripten cmake g++ make nlohmann-json3-dev doctest-dev chromium
              fonts-noto-cjk fonts-noto-color-emoji python3-fonttools dpkg-dev xz-utils ca-certificates
              clang-14 libclang-rt-14-dev)

log() { printf '\033[1m[build.sh]\033[0m %s\n' "$*" >&2; }
die() { printf '[build.sh] error: %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# ---------------------------------------------------------------------------------------------
# deps: Debian packages, Node + npm packages, Dear ImGui sources, SQLite amalgamation
# ---------------------------------------------------------------------------------------------
deps_apt() {
  local missing=()
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if ! command -v node >/dev/null || [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 20 ]; then
    missing+=(nodejs)   # playwright-core needs Node >= 20
  fi
  command -v npm >/dev/null || missing+=(npm)
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing Debian packages: ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

deps_npm() {
  # playwright-core (drives /usr/bin/chromium; never downloads a browser) and better-sqlite3,
  # used only as the registry source of the SQLite amalgamation: scripts are ignored, nothing
  # native is built. Versions and hashes are pinned by package-lock.json.
  local stamp="$ROOT/node_modules/.manyi-lock-stamp"
  if [ ! -f "$stamp" ] || ! cmp -s "$ROOT/package-lock.json" "$stamp"; then
    log "npm ci (pinned by package-lock.json)"
    (cd "$ROOT" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
    cp "$ROOT/package-lock.json" "$stamp"
  fi
}

deps_sqlite() {
  local src="$ROOT/node_modules/better-sqlite3/deps/sqlite3"
  mkdir -p "$DEPS/sqlite"
  for f in sqlite3.c sqlite3.h; do
    cmp -s "$src/$f" "$DEPS/sqlite/$f" 2>/dev/null || cp "$src/$f" "$DEPS/sqlite/$f"
  done
  mkdir -p "$DEPS/include"
  # Header-only libraries from Debian, linked so the emscripten sysroot never sees /usr/include.
  ln -sfn /usr/include/nlohmann "$DEPS/include/nlohmann"
}

# Dear ImGui from Debian's trixie source package, through an apt configuration private to
# build/apt: the system's apt sources are never touched.
deps_imgui() {
  [ -f "$DEPS/imgui/imgui.cpp" ] && return 0
  local apt="$BUILD/apt"
  mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$apt/preferences.d" "$apt/src"
  cat > "$apt/sources.list" <<'EOF'
deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian trixie main
EOF
  : > "$apt/status"
  local opts=(-o "Dir::Etc::sourcelist=$apt/sources.list" -o Dir::Etc::sourceparts=-
              -o "Dir::State::Lists=$apt/lists" -o "Dir::Cache=$apt/cache"
              -o "Dir::Etc::preferencesparts=$apt/preferences.d" -o "Dir::State::status=$apt/status"
              -o APT::Sandbox::User=root)
  log "fetching imgui $IMGUI_VERSION source package (trixie) with a private apt configuration"
  apt-get "${opts[@]}" -qq update
  (cd "$apt/src" && apt-get "${opts[@]}" -qq source --download-only "imgui=$IMGUI_VERSION")
  local dsc="$apt/src/imgui_${IMGUI_VERSION}.dsc"
  echo "$IMGUI_DSC_SHA256  $dsc" | sha256sum -c --quiet - || die "imgui .dsc checksum mismatch"
  # dpkg-source checks every file named in the .dsc against its checksums before unpacking.
  rm -rf "$DEPS/imgui.tmp"
  dpkg-source -x "$dsc" "$DEPS/imgui.tmp" >/dev/null
  rm -rf "$DEPS/imgui" && mv "$DEPS/imgui.tmp" "$DEPS/imgui"
}

cmd_deps() {
  deps_apt
  deps_npm
  deps_sqlite
  deps_imgui
}

# ---------------------------------------------------------------------------------------------
# build: native (core, CLI, unit tests) and wasm (widget), then assemble dist/
# ---------------------------------------------------------------------------------------------
build_native() {
  if [ ! -f "$BUILD/native/CMakeCache.txt" ]; then
    cmake -S "$ROOT" -B "$BUILD/native" -DCMAKE_BUILD_TYPE=Release >/dev/null
  fi
  cmake --build "$BUILD/native" -j"$(nproc)"
}

build_wasm() {
  if [ ! -f "$BUILD/wasm/CMakeCache.txt" ]; then
    emcmake cmake -S "$ROOT" -B "$BUILD/wasm" -DCMAKE_BUILD_TYPE=Release >/dev/null
  fi
  cmake --build "$BUILD/wasm" -j"$(nproc)"
}

# The UI font: Noto Sans CJK SC, cut down to the characters the bundled surveys, the widget's own
# strings and ASCII use (glyphs outside it would be empty boxes; see docs/decisions.md).
build_font() {
  local out="$DIST/assets/fonts/manyi-ui.otf" txt="$BUILD/font-chars.txt"
  local src=/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
  mkdir -p "$DIST/assets/fonts"
  /usr/bin/python3 - "$txt" "$ROOT"/assets/surveys/*.json "$ROOT"/src/ui/*.cpp "$ROOT"/src/core/*.cpp <<'EOF'
import json, sys, re
chars = set(chr(c) for c in range(0x20, 0x7f))
chars |= set("，。！？、；：“”‘’（）《》【】…—·～")
def walk(v):
    if isinstance(v, str): chars.update(v)
    elif isinstance(v, dict):
        for k, x in v.items(): walk(k); walk(x)
    elif isinstance(v, list):
        for x in v: walk(x)
for path in sys.argv[2:]:
    text = open(path, encoding="utf-8").read()
    if path.endswith(".json"): walk(json.loads(text))
    else: chars.update(c for c in text if ord(c) > 0x7f)   # UI and preset strings in the sources
new = "".join(sorted(chars))
try: old = open(sys.argv[1], encoding="utf-8").read()
except FileNotFoundError: old = None
if new != old: open(sys.argv[1], "w", encoding="utf-8").write(new)
EOF
  if [ ! -f "$out" ] || [ "$txt" -nt "$out" ]; then
    log "subsetting $(basename "$src") to $(wc -m < "$txt") characters"
    /usr/bin/python3 -m fontTools.subset "$src" --font-number=2 --text-file="$txt" --layout-features='' \
      --no-hinting --desubroutinize --output-file="$out"
  fi
  cp -u /usr/share/doc/fonts-noto-cjk/copyright "$DIST/assets/fonts/LICENSE-NotoSansCJK.txt"
}

assemble_dist() {
  mkdir -p "$DIST/assets/surveys"
  cp -u "$BUILD"/wasm/manyi-core.js "$BUILD"/wasm/manyi-core.wasm "$BUILD"/wasm/manyi-core-js.js "$DIST/"
  cp -u "$ROOT"/web/*.js "$DIST/"
  cp -u "$ROOT"/shell/*.html "$DIST/"
  cp -u "$ROOT"/assets/surveys/*.json "$DIST/assets/surveys/"
  survey_index
  cp -u "$ROOT"/web/*.webmanifest "$DIST/"
  /usr/bin/python3 "$ROOT/assets/icons/make_icons.py" "$DIST/assets/icons"
  build_font
  build_service_worker
}

# dist/assets/surveys/index.json: the surveys this build ships, [{url, title}], which the kiosk's
# operator panel offers as a choice. Written only when it changes (the worker's hash covers it).
survey_index() {
  /usr/bin/python3 - "$ROOT/assets/surveys" "$DIST/assets/surveys/index.json" <<'EOF'
import json, os, sys
src, out = sys.argv[1], sys.argv[2]
surveys = []
for name in sorted(os.listdir(src)):
    if not name.endswith('.json') or name == 'index.json':
        continue
    with open(os.path.join(src, name), encoding='utf-8') as f:
        survey = json.load(f)
    surveys.append({'url': 'assets/surveys/' + name, 'title': survey.get('title', name)})
text = json.dumps(surveys, ensure_ascii=False, indent=1) + '\n'
if not os.path.exists(out) or open(out, encoding='utf-8').read() != text:
    with open(out, 'w', encoding='utf-8') as f:
        f.write(text)
EOF
}

# dist/manyi-sw.js: the worker with this build's file list and a hash of those files, so that any
# change makes a new worker (docs/decisions.md D12).
build_service_worker() {
  local files=(index.html manyi.js manyi-core.js manyi-core.wasm assets/fonts/manyi-ui.otf)
  for f in "$DIST"/*.js "$DIST"/*.webmanifest "$DIST"/assets/icons/*.png; do
    f="${f#"$DIST"/}"
    # The JavaScript build (no WebAssembly / CSP without 'wasm-unsafe-eval') is fetched only by
    # the browsers that need it: not precached for everyone; the worker keeps it once fetched.
    [ "$f" = manyi-sw.js ] || [ "$f" = manyi-core-js.js ] || [[ " ${files[*]} " == *" $f "* ]] || files+=("$f")
  done
  local f
  for f in "$DIST"/*.html "$DIST"/assets/surveys/*.json; do
    f="${f#"$DIST"/}"
    [[ " ${files[*]} " == *" $f "* ]] || files+=("$f")
  done
  local hash list
  hash="$(cd "$DIST" && cat "${files[@]}" manyi-core-js.js "$ROOT/web/sw/manyi-sw.js" | sha256sum | cut -c1-16)"
  list="$(printf '"%s",' ./ "${files[@]}")"
  sed -e "s|__MANYI_BUILD__|$hash|" -e "s|__MANYI_PRECACHE__|[${list%,}]|" "$ROOT/web/sw/manyi-sw.js" > "$DIST/manyi-sw.js.tmp"
  mv "$DIST/manyi-sw.js.tmp" "$DIST/manyi-sw.js"
}

cmd_build() {
  cmd_deps
  build_native
  build_wasm
  assemble_dist
  log "built: dist/ ($(du -sh "$DIST" | cut -f1))"
}

# ---------------------------------------------------------------------------------------------
cmd_serve() {
  local port=8080
  while [ $# -gt 0 ]; do
    case "$1" in
      --port) port="$2"; shift 2 ;;
      --port=*) port="${1#--port=}"; shift ;;
      *) die "serve: unknown option $1" ;;
    esac
  done
  cmd_build
  exec node "$ROOT/tests/support/static-server.mjs" --root "$DIST" --port "$port" --host 127.0.0.1
}

# libFuzzer targets for the survey and expression parsers (tests/fuzz/README.md). Rebuilt only
# when a source they use changed: the sanitizer build of the survey target takes about a minute.
build_fuzz() {
  mkdir -p "$BUILD/fuzz"
  local C="$ROOT/src/core"
  local F=(-std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -I"$ROOT/src" -isystem "$DEPS/include")
  local exp_src=("$ROOT/tests/fuzz/fuzz_expression.cpp" "$C/expression.cpp" "$C/utf8.cpp")
  local sur_src=("$ROOT/tests/fuzz/fuzz_survey.cpp" "$C"/{survey,survey_parse,survey_session,expression,response,iso_time,civil_time,json_text,localized_text,utf8,uuid}.cpp)
  newer_than() { local out="$1"; shift; [ -f "$out" ] || return 0; for f in "$@" "$C"/*.h; do [ "$f" -nt "$out" ] && return 0; done; return 1; }
  if newer_than "$BUILD/fuzz/fuzz_expression" "${exp_src[@]}"; then
    clang++-14 "${F[@]}" "${exp_src[@]}" -o "$BUILD/fuzz/fuzz_expression"
  fi
  if newer_than "$BUILD/fuzz/fuzz_survey" "${sur_src[@]}"; then
    log "building the survey fuzzer (sanitizers: about a minute)"
    clang++-14 "${F[@]}" "${sur_src[@]}" -o "$BUILD/fuzz/fuzz_survey"
  fi
}

# FUZZ_SECONDS per target (default 20 in tests; 0 = until stopped).
run_fuzz() {
  build_fuzz
  mkdir -p "$BUILD/fuzz/corpus-survey" "$BUILD/fuzz/corpus-expression"
  cp "$ROOT"/assets/surveys/*.json "$BUILD/fuzz/corpus-survey/"
  local secs="${FUZZ_SECONDS:-20}"
  (cd "$BUILD/fuzz" &&
    ./fuzz_survey -max_total_time="$secs" -timeout=5 -max_len=20000 -print_final_stats=0 corpus-survey 2>&1 | tail -2 &&
    ./fuzz_expression -max_total_time="$secs" -timeout=5 -print_final_stats=0 corpus-expression 2>&1 | tail -2)
}

cmd_test() {
  cmd_build
  log "unit tests (native, doctest)"
  "$BUILD/native/manyi_unit_tests"
  log "fuzzing the survey and expression parsers (${FUZZ_SECONDS:-20} s each)"
  run_fuzz
  log "bench smoke run (one iteration of each figure)"
  (cd "$ROOT" && node tests/bench/run.mjs --smoke)
  log "e2e tests (headless Chromium via playwright-core)"
  (cd "$ROOT" && node --test --test-concurrency=1 tests/e2e/)
}

cmd_bench() {
  cmd_build
  (cd "$ROOT" && node tests/bench/run.mjs "$@")
}

cmd_clean() { rm -rf "$BUILD/native" "$BUILD/wasm" "$DIST"; }

case "${1:-}" in
  deps)  cmd_deps ;;
  build) cmd_build ;;
  serve) shift; cmd_serve "$@" ;;
  test)  cmd_test ;;
  bench) shift; cmd_bench "$@" ;;
  fuzz)  cmd_deps; FUZZ_SECONDS="${FUZZ_SECONDS:-0}" run_fuzz ;;
  clean) cmd_clean ;;
  *) echo "usage: $0 {serve [--port N]|test|build|deps|bench [--runs N]|fuzz|clean}" >&2; exit 2 ;;
esac
