#!/usr/bin/env bash
# System packages the test suite needs on Debian: Chromium (for Playwright and Lighthouse; the test
# tools' own browser downloads do not work here), fonts, Node.js with npm, the TeX clients that
# read publications.bib, and jing (RELAX NG validator for the Atom feeds; it pulls in a Java runtime);
# then the npm tools.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else echo "system-deps: need root (or sudo) to install: $*" >&2; exit 1
  fi
}

missing=()
# TeX, as small as Debian allows: pdflatex, bibtex, plain.bst and natbib (texlive-latex-base), etoolbox
# (texlive-latex-recommended) and biblatex (texlive-bibtex-extra, its only package) for biber.
{ command -v pdflatex && command -v bibtex; } >/dev/null || missing+=(texlive-latex-base)
[ "$(kpsewhich biblatex.sty etoolbox.sty 2>/dev/null | wc -l)" = 2 ] || missing+=(texlive-latex-recommended texlive-bibtex-extra)
command -v biber >/dev/null || missing+=(biber)
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || missing+=(chromium fonts-dejavu-core)
# cv.pdf (Typst, PDF/UA-1) refuses text no font shows: DejaVu covers Latin, Greek, Cyrillic, Arabic and
# Vietnamese, Noto CJK the Chinese, Japanese and Korean names the fixture lab holds.
fc-list 'DejaVu Sans' | grep -q . || missing+=(fonts-dejavu-core)
fc-list 'Noto Sans CJK SC' | grep -q . || missing+=(fonts-noto-cjk)
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
command -v jing >/dev/null || missing+=(jing)
command -v java >/dev/null || missing+=(default-jre-headless)  # Java runs the Nu HTML validator (npm vnu-jar)
if [ ${#missing[@]} -gt 0 ]; then
  echo "system-deps: installing ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; then
  npm ci --no-audit --no-fund --loglevel=error
  touch node_modules
fi
