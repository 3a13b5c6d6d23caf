#!/usr/bin/env bash
# Installs what the build and the tests need, skipping what is already there, so it is cheap to run every time.
set -euo pipefail
cd "$(dirname "$0")/.."

debian_packages=(
  libsqlite3-dev pkg-config                  # the SQLite store
  libpango1.0-dev libcairo2-dev              # PDF reports
  fonts-dejavu-core fonts-wqy-microhei       # fonts for Latin and CJK text in those PDFs
  postgresql postgresql-contrib              # the throwaway test cluster (scripts/start-postgres.sh)
  poppler-utils                              # pdftotext, to check generated PDFs
  chromium chromium-driver                   # the browser tests (selenium)
  wrk curl                                   # benchmarks and quick probes
  python3 python3-venv                       # the black-box suite's virtualenv, if python3 is Debian's
)

# dpkg -s is fast and needs no network; apt only runs when something is missing.
missing=()
for package in "${debian_packages[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "installing Debian packages: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The black-box suite's Python packages live in .venv, rebuilt only when it is missing or the pinned list changed
# (a sha256 of requirements-e2e.txt is kept in .venv); the stamp is written last, so a failed install retries.
requirements=requirements-e2e.txt
stamp=.venv/.requirements.sha256
wanted=$(sha256sum "$requirements" | cut -d' ' -f1)
if [ ! -x .venv/bin/python ] || [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
  echo "building .venv from $requirements"
  rm -rf .venv
  python3 -m venv .venv
  .venv/bin/pip install --quiet --upgrade pip
  .venv/bin/pip install --quiet -r "$requirements"
  echo "$wanted" >"$stamp"
fi
