#!/usr/bin/env bash
# Proves the TestKit works from a user's own project: installs this build into the local Maven
# repository (-DskipTests: the build's own tests run in `mvn verify`), then builds a separate
# project (pom.xml here) that depends only on dev.fabric:testkit, with the guide's first test
# (examples/.../guide/FirstFabricTest.java) as its test, and runs it.
# Usage: tools/testkit-consumer/run.sh [extra maven args, e.g. -o]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$root" && mvn -B -q "$@" install -DskipTests)
cp "$root/tools/testkit-consumer/pom.xml" "$work/"
mkdir -p "$work/src/test/java/example/guide"
cp "$root/examples/switchdev-controller/src/test/java/example/guide/FirstFabricTest.java" "$work/src/test/java/example/guide/"
(cd "$work" && mvn -B "$@" test) | tee "$work/out.txt" | grep -E "Tests run:|BUILD|ERROR" || true
grep -q "Tests run: 1, Failures: 0, Errors: 0" "$work/out.txt" && grep -q "BUILD SUCCESS" "$work/out.txt"
echo "testkit-consumer: a separate project ran the guide's first test against the installed testkit"
