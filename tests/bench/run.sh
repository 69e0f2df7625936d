#!/usr/bin/env bash
# Benchmarks of WarningDispatch on real RabbitMQ and Redis, started privately the way the infrastructure tests start
# them (own ports and data directories; Redis with appendonly yes + appendfsync always). Prints a table and writes every
# figure to artifacts/bench/<timestamp>.json and artifacts/bench/latest.json. Benchmarks print numbers; they pass or
# fail nothing, and they are not part of `dotnet test` / CI.
#
# Usage: tests/bench/run.sh [scenario...] [options]
#   scenarios: routing latency throughput timers connections reports (default: all of them, ~26 minutes)
#   options:   --quick                 a short smoke run (~6 minutes)
#              --rates 100,500,2000    publish rates of the latency scenario
#              --seconds 30            seconds per rate
#              --backlog 100000        instructions waiting in the queue (throughput)
#              --timers 100000         pending timers, due over --timer-window 60 seconds
#              --connections 5000      console connections on one instance
#              --no-throughput-consoles  drain the backlog with one board connected instead of 1,020 consoles
#              --service-env K=V,K=V   extra settings for the service process (e.g. to compare a configuration)
set -euo pipefail
cd "$(dirname "$0")/../.."

command -v dotnet >/dev/null \
  || { echo "tests/bench/run.sh: the .NET 10 SDK is required (https://dot.net)" >&2; exit 1; }

missing=()
command -v redis-server >/dev/null || missing+=(redis-server)
command -v rabbitmq-server >/dev/null || missing+=(rabbitmq-server)
if [ ${#missing[@]} -gt 0 ]; then
  echo "tests/bench/run.sh: installing ${missing[*]}"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # The package starts a system-wide broker and Redis; the benchmarks never use them, so stop them to free the ports.
  $sudo service rabbitmq-server stop >/dev/null 2>&1 || true
  $sudo service redis-server stop >/dev/null 2>&1 || true
fi

# 5,000 consoles are 5,000 sockets on each side.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

echo "tests/bench/run.sh: building in Release"
for project in services/WarningDispatch.Service tests/bench/WarningDispatch.FloorRelay \
  tests/bench/WarningDispatch.Bench tests/bench/WarningDispatch.Benchmarks; do
  dotnet build -c Release --nologo -v quiet "$project" >/dev/null \
    || { dotnet build -c Release --nologo "$project"; exit 1; }
done

exec dotnet tests/bench/WarningDispatch.Bench/bin/Release/net10.0/WarningDispatch.Bench.dll "$@"
