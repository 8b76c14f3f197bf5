#!/usr/bin/env bash
# Runs deploy/Dockerfile's build steps without Docker, so a machine with no Docker engine can check
# them: the build stage's RUN commands verbatim (without their --mount options), in a fresh copy of the build context, then the
# runtime stage's layout and the ENTRYPOINT's java flags (vigil --version).
# DockerBuildCheckTest fails when this script and the Dockerfile drift apart: change both together.
#
#   deploy/docker-build-check.sh [WORK_DIR]     (default: a temporary directory, removed afterwards)
#   VIGIL_MVN_OFFLINE=1 deploy/docker-build-check.sh   builds with mvn -o (a machine with no network)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [[ $# -ge 1 ]]; then
  WORK="$(mkdir -p "$1" && cd "$1" && pwd)"
else
  WORK="$(mktemp -d)"
  trap 'rm -rf "$WORK"' EXIT
fi
echo "docker-build-check: building in $WORK" >&2

# ---- build stage (FROM maven + JDK 17) -------------------------------------------------------
java -version 2>&1 | grep -q '"17\.' || echo "docker-build-check: warning: the image builds with JDK 17, this is $(java -version 2>&1 | head -1)" >&2
mkdir -p "$WORK/src"
cd "$WORK/src"                                    # WORKDIR /src
if [[ -n "${VIGIL_MVN_OFFLINE:-}" ]]; then mkdir -p .mvn && echo "-o" > .mvn/maven.config; fi
cp "$ROOT/pom.xml" ./                             # COPY pom.xml ./
cp -R "$ROOT/src" ./src                           # COPY src ./src
mvn -B -DskipTests package

# ---- runtime stage (FROM JRE 17) -------------------------------------------------------------
RUNTIME="$WORK/runtime"
mkdir -p "$RUNTIME/etc/vigil" "$RUNTIME/opt/vigil/models" "$RUNTIME/var/lib/vigil/state" "$RUNTIME/var/cache/vigil/javacpp"
cp -R "$WORK/src/target/lib/" "$RUNTIME/opt/vigil/lib/"           # COPY --from=build /src/target/lib/ /opt/vigil/lib/
cp "$WORK/src/target/vigil.jar" "$RUNTIME/opt/vigil/vigil.jar"    # COPY --from=build /src/target/vigil.jar /opt/vigil/vigil.jar
cp "$ROOT/deploy/vigil.properties" "$RUNTIME/etc/vigil/vigil.properties"   # COPY deploy/vigil.properties /etc/vigil/vigil.properties

# The jar must run from its runtime place with the ENTRYPOINT's flags (its manifest finds lib/ beside it).
cd "$RUNTIME/opt/vigil"                           # WORKDIR /opt/vigil
TF_CPP_MIN_LOG_LEVEL=2 java -Djava.awt.headless=true -Dorg.bytedeco.javacpp.cachedir="$RUNTIME/var/cache/vigil/javacpp" -Dvigil.home="$RUNTIME/opt/vigil" \
  -jar "$RUNTIME/opt/vigil/vigil.jar" --version
echo "docker-build-check: OK" >&2
