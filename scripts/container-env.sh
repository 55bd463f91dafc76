#!/usr/bin/env bash
# Prepares this machine for the container suite (it-tests, *IT.java): a running Docker engine
# and a local base image, built from Debian packages so that no registry is ever asked for an
# image. Idempotent: where the engine answers and the image exists it only removes leftover
# test containers. Needs root on Debian bookworm (apt-get); elsewhere, install Docker yourself
# and run the suite with -Dgtfc.it.baseImage=<a JRE image with git and procps>.
# --remove-leftovers only removes the containers of test runs that ended (scripts/test-all.sh).
#   GTFC_IT_BASE_IMAGE   the image to build (default gtfc-base:bookworm)
#   DOCKERD_LOG          where the engine logs (default /var/log/gtfc-dockerd.log)
set -euo pipefail

image="${GTFC_IT_BASE_IMAGE:-gtfc-base:bookworm}"
dockerd_log="${DOCKERD_LOG:-/var/log/gtfc-dockerd.log}"
mirror="http://deb.debian.org/debian"
security_mirror="http://deb.debian.org/debian-security"
packages="openjdk-17-jre-headless,git,netcat-openbsd,procps,iproute2"

step() { echo "container-env: $*"; }
fail() { echo "container-env: $*" >&2; exit 1; }

engine_answers() { docker info >/dev/null 2>&1; }

# Containers and networks of the container suite (label gtfc.it.owner holds the test JVM's pid)
# whose test JVM is gone: a crashed run's. A suite that runs right now on the same engine keeps
# its own, and nothing the suite did not create is touched.
owner_gone() {
  [ -z "$1" ] || [ "$1" = "<no value>" ] || ! kill -0 "$1" 2>/dev/null
}

remove_leftovers() {
  local removed=0 id owner
  for id in $(docker ps -aq --filter label=gtfc.it.owner); do
    owner=$(docker inspect -f '{{index .Config.Labels "gtfc.it.owner"}}' "$id" 2>/dev/null || true)
    if owner_gone "$owner"; then
      docker rm -f "$id" >/dev/null 2>&1 && removed=$((removed + 1))
    fi
  done
  for id in $(docker network ls -q --filter label=gtfc.it.owner); do
    owner=$(docker network inspect -f '{{index .Labels "gtfc.it.owner"}}' "$id" 2>/dev/null || true)
    if owner_gone "$owner"; then
      docker network rm "$id" >/dev/null 2>&1 || true
    fi
  done
  if [ $removed -gt 0 ]; then step "removed $removed leftover test container(s)"; else step "no leftover test containers"; fi
  # node images of earlier runs, replaced by a newer gtfc.jar (the current one stays tagged)
  docker image prune -f --filter label=gtfc.it.node=true >/dev/null 2>&1 || true
}

if [ "${1:-}" = "--remove-leftovers" ]; then
  engine_answers && remove_leftovers
  exit 0
fi

missing=()
command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
command -v docker >/dev/null 2>&1 || missing+=(docker.io)
command -v mmdebstrap >/dev/null 2>&1 || missing+=(mmdebstrap)
if [ ${#missing[@]} -gt 0 ] && ! { engine_answers && docker image inspect "$image" >/dev/null 2>&1; }; then
  [ "$(id -u)" -eq 0 ] || fail "needs root to install ${missing[*]} (or install Docker yourself and pass -Dgtfc.it.baseImage)"
  command -v apt-get >/dev/null 2>&1 || fail "no apt-get here: install Docker yourself and pass -Dgtfc.it.baseImage"
  step "installing $(printf '%s\n' "${missing[@]}" | sort -u | tr '\n' ' ')(apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  # shellcheck disable=SC2046
  apt-get install -y -qq --no-install-recommends $(printf '%s\n' "${missing[@]}" | sort -u) >/dev/null \
    2> >(grep -v '^debconf: delaying package configuration' >&2)
else
  step "docker and mmdebstrap present"
fi

if engine_answers; then
  step "docker engine answers"
else
  command -v dockerd >/dev/null 2>&1 || fail "no dockerd to start: install docker.io"
  step "starting dockerd (log: $dockerd_log)"
  mkdir -p "$(dirname "$dockerd_log")"
  setsid nohup dockerd >>"$dockerd_log" 2>&1 </dev/null &
  for _ in $(seq 1 60); do
    engine_answers && break
    sleep 0.5
  done
  engine_answers || fail "dockerd did not answer 'docker info' within 30 s; see $dockerd_log"
  step "docker engine answers"
fi

if docker image inspect "$image" >/dev/null 2>&1; then
  step "base image $image present"
else
  command -v mmdebstrap >/dev/null 2>&1 || fail "no mmdebstrap to build $image: install mmdebstrap"
  step "building base image $image with mmdebstrap (about 2 minutes)"
  started=$SECONDS
  mmdebstrap --mode=root --variant=apt --quiet \
    --include="$packages" \
    --dpkgopt='path-exclude=/usr/share/man/*' \
    --dpkgopt='path-exclude=/usr/share/doc/*' \
    --dpkgopt='path-include=/usr/share/doc/*/copyright' \
    --dpkgopt='path-exclude=/usr/share/info/*' \
    --dpkgopt='path-exclude=/usr/share/locale/*' \
    --setup-hook='mkdir -p "$1/usr/share/man/man1"' \
    --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/*.bin' \
    bookworm - \
    "deb $mirror bookworm main" \
    "deb $mirror bookworm-updates main" \
    "deb $security_mirror bookworm-security main" \
    | docker import \
        --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
        --change 'CMD ["/bin/bash"]' \
        - "$image" >/dev/null
  docker image inspect "$image" >/dev/null 2>&1 || fail "building $image failed (see the mmdebstrap output above)"
  step "base image $image built in $((SECONDS - started)) s"
fi

remove_leftovers
