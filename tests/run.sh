#!/usr/bin/env bash
# The whole test suite, from a fresh clone: installs what the build and the tests need (Debian packages), then runs every
# test project. Infrastructure tests start their own private redis-server / rabbitmq-server instances on their
# own ports and data directories; browser tests drive Debian's Chromium. Results land in artifacts/test-results.
# Usage: tests/run.sh [extra dotnet test arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

command -v dotnet >/dev/null || { echo "tests/run.sh: the .NET 10 SDK is required (https://dot.net)" >&2; exit 1; }

missing=()
command -v npm >/dev/null || missing+=(nodejs npm)   # the build fetches the consoles' SignalR client from npm
command -v redis-server >/dev/null || missing+=(redis-server)
command -v rabbitmq-server >/dev/null || missing+=(rabbitmq-server)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -d /usr/share/fonts/truetype/wqy ] || missing+=(fonts-wqy-zenhei)
command -v docker-compose >/dev/null || missing+=(docker-compose)
if [ ${#missing[@]} -gt 0 ]; then
  echo "tests/run.sh: installing ${missing[*]}"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # The package starts a system-wide broker and Redis; the tests never use them, so stop them to free the ports.
  $sudo service rabbitmq-server stop >/dev/null 2>&1 || true
  $sudo service redis-server stop >/dev/null 2>&1 || true
fi

mkdir -p artifacts/test-results
# -m:1 runs the test projects one after another: the browser tests' "within one second" and the timer-lateness
# figures must not compete for the two cores with a 10,000-timer burst in another project.
dotnet test WarningDispatch.sln --nologo -m:1 \
  --logger "trx;LogFilePrefix=results" --results-directory artifacts/test-results \
  --logger "console;verbosity=normal" "$@"
