#!/usr/bin/env bash
# The whole test suite, from a fresh clone: checks what the tests need, then runs every test project.
# The embedded tests need only the .NET 10 SDK; results land in artifacts/test-results.
# Usage: tests/run.sh [extra dotnet test arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

command -v dotnet >/dev/null || { echo "tests/run.sh: the .NET 10 SDK is required (https://dot.net)" >&2; exit 1; }

mkdir -p artifacts/test-results
dotnet test WarningDispatch.sln --nologo \
  --logger "trx;LogFilePrefix=results" --results-directory artifacts/test-results \
  --logger "console;verbosity=normal" "$@"
