#!/usr/bin/env bash
# Runs only the container suite (three-node clusters in Docker, it-tests/*IT.java), building the
# modules it needs without their unit tests: the quick way to check it after a change.
# scripts/test-all.sh runs it too, with everything else. Installs and starts Docker and builds the
# local base image first (root on Debian the first time); removes the suite's containers after.
#   GTFC_IT_BASE_IMAGE   base image of the cluster nodes (default gtfc-base:bookworm)
#   extra arguments go to Maven, e.g. scripts/test-containers.sh -Dit.test=ReadOnlyMemberIT
set -euo pipefail
cd "$(dirname "$0")/.."

base_image="${GTFC_IT_BASE_IMAGE:-gtfc-base:bookworm}"

remove_test_containers() {
  scripts/container-env.sh --remove-leftovers >/dev/null 2>&1 || true
}
trap remove_test_containers EXIT

GTFC_IT_BASE_IMAGE="$base_image" scripts/container-env.sh
./mvnw -B verify -pl it-tests -am -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
  -Dgtfc.it.baseImage="$base_image" "$@"
