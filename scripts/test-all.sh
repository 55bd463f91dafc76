#!/usr/bin/env bash
# Runs every test of the project: unit and contract tests, the interoperability tests (git,
# OpenSSH, ssh-audit), the ArchUnit design rules; with GTFC_WITH_CONTAINERS=1 (what
# scripts/test-containers.sh sets) also the container suite (three-node clusters in Docker,
# it-tests/*IT.java). Installs what they need first (scripts/test-deps.sh,
# scripts/container-env.sh: root on Debian the first time) and removes the test containers
# afterwards, also when the build fails.
#   GTFC_IT_BASE_IMAGE   base image of the cluster nodes (default gtfc-base:bookworm)
#   extra arguments go to Maven, e.g. scripts/test-all.sh -Dit.test=ReadOnlyMemberIT
set -euo pipefail
cd "$(dirname "$0")/.."

base_image="${GTFC_IT_BASE_IMAGE:-gtfc-base:bookworm}"

remove_test_containers() {
  scripts/container-env.sh --remove-leftovers >/dev/null 2>&1 || true
}
trap remove_test_containers EXIT

scripts/test-deps.sh
if [ "${GTFC_WITH_CONTAINERS:-0}" = 1 ]; then
  GTFC_IT_BASE_IMAGE="$base_image" scripts/container-env.sh
  ./mvnw -B verify -Dgtfc.it.baseImage="$base_image" "$@"
else
  # The container suite (it-tests/*IT.java) is not green yet (issue #6: a restart scenario and the
  # conflict-copy naming check fail); it runs with scripts/test-containers.sh until it is.
  echo "test-all: skipping the container suite (scripts/test-containers.sh runs it)" >&2
  ./mvnw -B verify -DskipITs "$@"
fi
