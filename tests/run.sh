#!/usr/bin/env bash
# The test suite, from a fresh clone: installs what the build and the tests need (Debian packages), then runs the tests.
# Infrastructure tests start their own private redis-server / rabbitmq-server instances on their own ports and data
# directories; browser tests drive Debian's Chromium. Results (trx) land in artifacts/test-results.
#
# Usage:
#   tests/run.sh [dotnet test arguments]       everything, every project (what .ci/run calls)
#   tests/run.sh fast [dotnet test arguments]  the Fast lane: domain and in-process service tests, no servers (~1 min)
#   tests/run.sh browser [...]                 the Browser lane: the consoles in Chromium
#   tests/run.sh infrastructure [...]          the Infrastructure lane: private Redis and RabbitMQ, service processes
#   tests/run.sh repeat <TestNameFilter> <N>   the tests whose full name contains the filter, N runs in a row: a line
#                                              per run, then a summary; fails unless every run passed
# Lanes are NUnit categories (each test project's Lane.cs; RedisSecurityTests is in Infrastructure too).
set -euo pipefail
cd "$(dirname "$0")/.."

command -v dotnet >/dev/null || { echo "tests/run.sh: the .NET 10 SDK is required (https://dot.net)" >&2; exit 1; }

lane=all
case "${1:-}" in
  fast | browser | infrastructure) lane=$1; shift ;;
  repeat)
    [ $# -ge 3 ] && [[ $3 =~ ^[1-9][0-9]*$ ]] || { echo "usage: tests/run.sh repeat <TestNameFilter> <N>" >&2; exit 2; }
    lane=repeat; name=$2; runs=$3; shift 3 ;;
esac

# What each lane needs beyond the SDK; the build itself fetches the consoles' SignalR client from npm.
missing=()
command -v npm >/dev/null || missing+=(nodejs npm)
if [[ $lane =~ ^(all|repeat|infrastructure)$ ]]; then
  command -v redis-server >/dev/null || missing+=(redis-server)
  command -v rabbitmq-server >/dev/null || missing+=(rabbitmq-server)
  command -v docker-compose >/dev/null || missing+=(docker-compose)
fi
if [[ $lane =~ ^(all|repeat|browser)$ ]]; then
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  [ -d /usr/share/fonts/truetype/wqy ] || missing+=(fonts-wqy-zenhei)
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "tests/run.sh: installing ${missing[*]}"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # The package starts a system-wide broker and Redis; the tests never use them, so stop them to free the ports.
  $sudo service rabbitmq-server stop >/dev/null 2>&1 || true
  $sudo service redis-server stop >/dev/null 2>&1 || true
fi

# The team's line limit (120 characters, so C.UTF-8: a Chinese character is one), checked before any test runs.
if [ -d .git ]; then
  long=$(git ls-files -z -- '*.cs' '*.js' '*.css' '*.html' '*.sh' '*.csproj' '*.props' '*.targets' '*.yml' |
    LC_ALL=C.UTF-8 xargs -0 grep -nE '^.{121,}' | cut -c1-160 || true)
  [ -z "$long" ] || { printf 'tests/run.sh: lines over 120 characters:\n%s\n' "$long" >&2; exit 1; }
fi

results=artifacts/test-results
mkdir -p "$results"
# -m:1 runs the test projects one after another: the browser tests and the timer-lateness figures must not compete
# for the two cores with a 10,000-timer burst in another project.
run_tests() { # <project or solution> <trx prefix> [dotnet test arguments]
  local target=$1 prefix=$2; shift 2
  dotnet test "$target" --nologo -m:1 \
    --logger "trx;LogFilePrefix=$prefix" --results-directory "$results" \
    --logger "console;verbosity=normal" "$@"
}

# A lane runs only the projects that hold its tests, so the Fast lane builds neither Playwright nor the servers' tests.
run_lane() { # <category filter> <projects...> -- [dotnet test arguments]
  local filter=$1 failed=0 projects=(); shift
  while [ "$1" != "--" ]; do projects+=("$1"); shift; done; shift
  for project in "${projects[@]}"; do
    run_tests "tests/$project" "$lane" --filter "$filter" "$@" || failed=1
  done
  return $failed
}

case $lane in
  all) run_tests WarningDispatch.sln results "$@" ;;
  fast)
    run_lane "TestCategory=Fast&TestCategory!=Infrastructure" \
      WarningDispatch.Domain.Tests WarningDispatch.Service.Tests -- "$@" ;;
  browser) run_lane "TestCategory=Browser" WarningDispatch.Browser.Tests -- "$@" ;;
  infrastructure)
    run_lane "TestCategory=Infrastructure" \
      WarningDispatch.Infrastructure.Tests WarningDispatch.Service.Tests -- "$@" ;;
  repeat)
    # The test projects whose sources name the filter (a class or test name); the whole solution if none does.
    mapfile -t targets < <(grep -rlF --include='*.cs' -- "$name" tests/WarningDispatch.*.Tests |
      cut -d/ -f1-2 | sort -u)
    [ ${#targets[@]} -gt 0 ] || targets=(WarningDispatch.sln)
    safe=${name//[^A-Za-z0-9_.-]/_}
    logs=artifacts/test-results/repeat
    mkdir -p "$logs"
    echo "repeat $name: $runs runs of the tests in ${targets[*]} whose full name contains \"$name\""
    for target in "${targets[@]}"; do dotnet build "$target" --nologo -v q -m:1 >/dev/null; done
    passed_runs=0; durations=()
    for i in $(seq 1 "$runs"); do
      log="$logs/$safe-$i.log"; : >"$log"; start=$SECONDS; ok=1
      for target in "${targets[@]}"; do
        run_tests "$target" "repeat-$safe-$i" --no-build --filter "FullyQualifiedName~$name" "$@" >>"$log" 2>&1 || ok=0
      done
      seconds=$((SECONDS - start)); durations+=("$seconds")
      # Summed over the projects' summaries ("Total tests: 3" / "     Passed: 3" / "     Failed: 0").
      read -r failed passed < <(awk '/^ *Failed: +[0-9]+ *$/ { f += $2 } /^ *Passed: +[0-9]+ *$/ { p += $2 }
        END { print f + 0, p + 0 }' "$log")
      [ "$passed" -gt 0 ] && [ "$failed" -eq 0 ] || ok=0
      [ $ok -eq 1 ] && { verdict=PASS; passed_runs=$((passed_runs + 1)); } || verdict=FAIL
      echo "run $i/$runs: $verdict  $passed passed, $failed failed, ${seconds} s  ($log)"
      # The figures the tests report as they go ("[TestName] ..."), and what failed.
      grep -E '^\s*\[[A-Za-z0-9_]+\] ' "$log" | sed 's/^\s*/    /' || true
      [ $verdict = PASS ] || grep -E '^\s*Failed [A-Za-z]' "$log" | sed 's/^\s*/    /' || true
    done
    sorted=($(printf '%s\n' "${durations[@]}" | sort -n))
    echo "repeat $name: $passed_runs/$runs runs passed; duration per run min ${sorted[0]} s," \
      "median ${sorted[$(((runs - 1) / 2))]} s, max ${sorted[$((runs - 1))]} s"
    [ "$passed_runs" -eq "$runs" ] ;;
esac
