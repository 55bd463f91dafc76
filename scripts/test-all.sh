#!/usr/bin/env bash
# Runs every test of the project: unit and contract tests, the interoperability tests (git,
# OpenSSH, ssh-audit), the ArchUnit design rules, and the container suite (three-node clusters
# in Docker, it-tests/*IT.java). Installs what they need first (scripts/test-deps.sh,
# scripts/container-env.sh: root on Debian the first time) and removes the suite's containers
# afterwards, also when the build fails.
#   GTFC_IT_BASE_IMAGE   base image of the cluster nodes (default gtfc-base:bookworm)
#   extra arguments go to Maven, e.g. scripts/test-all.sh -Dit.test=ReadOnlyMemberIT;
#   -DskipITs leaves the container suite (and Docker) out
set -euo pipefail
cd "$(dirname "$0")/.."

base_image="${GTFC_IT_BASE_IMAGE:-gtfc-base:bookworm}"
with_containers=1
for arg in "$@"; do
  [ "$arg" = "-DskipITs" ] && with_containers=0
done

remove_test_containers() {
  scripts/container-env.sh --remove-leftovers >/dev/null 2>&1 || true
}

scripts/test-deps.sh
if [ $with_containers = 1 ]; then
  trap remove_test_containers EXIT
  GTFC_IT_BASE_IMAGE="$base_image" scripts/container-env.sh
fi
./mvnw -B verify -Dgtfc.it.baseImage="$base_image" "$@"
