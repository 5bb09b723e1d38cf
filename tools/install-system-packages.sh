#!/usr/bin/env bash
# The Debian packages the platform needs beyond Node, installed with apt-get when missing (docs/adr/0023):
#   fonts-wqy-microhei  the Chinese font transfer letters are printed with (the members service checks it at start-up)
#   poppler-utils       pdftotext, pdffonts and pdftoppm, with which the letter's tests read and render the PDF
# A no-op when both are there. Otherwise one line says what it installs; apt-get's output goes to a log
# ($LIANJIAN_APT_LOG, default .infra/logs/apt-install.log) whose path and last lines are printed only when it fails.
# Needs root or password-less sudo; without them it says which command to run.
set -euo pipefail
cd "$(dirname "$0")/.."

font="${LIANJIAN_CJK_FONT:-/usr/share/fonts/truetype/wqy/wqy-microhei.ttc}"
packages=()
[ -f "$font" ] || packages+=(fonts-wqy-microhei)
{ command -v pdftoppm && command -v pdftotext && command -v pdffonts; } >/dev/null 2>&1 || packages+=(poppler-utils)
[ ${#packages[@]} -eq 0 ] && exit 0

log="${LIANJIAN_APT_LOG:-.infra/logs/apt-install.log}"
mkdir -p "$(dirname "$log")"
echo "[install] installing ${packages[*]} with apt-get (the transfer letter's Chinese font and PDF tools; log: $log)" >&2

fail() {
  echo "[install] error: $1" >&2
  [ -s "$log" ] && tail -n 15 "$log" | sed 's/^/  /' >&2
  echo "  install them yourself: sudo apt-get install -y ${packages[*]}" >&2
  exit 1
}

command -v apt-get >/dev/null 2>&1 || fail "apt-get is not available on this machine (a Debian or Ubuntu package manager is needed)"
as_root=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null || fail "apt-get needs root, and sudo cannot run without a password here"
  as_root=(sudo -n)
fi
apt() { "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get "$@" >>"$log" 2>&1; }

# an install straight away when the package lists are fresh; otherwise (a new machine) update them and try again
: >"$log"
if ! apt install -y -q --no-install-recommends "${packages[@]}"; then
  echo "== the install failed; updating the package lists and trying again" >>"$log"
  apt update -q || fail "apt-get update failed; its output is in $log, ending:"
  apt install -y -q --no-install-recommends "${packages[@]}" || fail "apt-get could not install ${packages[*]}; its output is in $log, ending:"
fi
[ -f "$font" ] || fail "fonts-wqy-microhei is installed but $font is not there"
