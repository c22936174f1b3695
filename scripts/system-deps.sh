#!/usr/bin/env bash
# Debian packages the tests need: PHP + NuSOAP (contract tests against real SOAP stacks) and
# Chromium (end-to-end UI tests), and the ERP database servers the SQL driver tests start on loopback. Installs them when run as root; otherwise names them and fails.
set -euo pipefail
PACKAGES=(php-cli php-soap php-xml libnusoap-php chromium firebird3.0-server postgresql mariadb-server)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  echo "Instalando pacotes do Debian para os testes: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "Faltam pacotes do Debian para os testes. Instale com:" >&2
  echo "  sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
