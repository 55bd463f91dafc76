#!/usr/bin/env bash
# Runs every test including the container suite: three-node clusters in Docker (it-tests/*IT.java).
# Installs and starts Docker and builds the local base image first (root on Debian).
set -euo pipefail
cd "$(dirname "$0")/.."
GTFC_WITH_CONTAINERS=1 exec scripts/test-all.sh "$@"
