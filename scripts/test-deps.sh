#!/usr/bin/env bash
# Installs the Debian packages the interoperability tests run (software gtfc did not write):
#   git              the git command line, cloning and pushing against gtfc's embedded server
#   openssh-client   ssh, ssh-keygen, ssh-agent (the agent-forwarding join, OpenSSH mode)
#   openssh-server   a real sshd on a loopback port, with 'gtfc shell' as its forced command
#   ssh-audit        scans the embedded server for weak algorithms
# Idempotent and quiet: installs only what is missing, prints one line when it installs.
# Needs root (or sudo) only when something is missing. Usage: scripts/test-deps.sh
set -euo pipefail

packages=(git openssh-client openssh-server ssh-audit)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "test-deps: not a Debian system; install ${missing[*]} with your package manager" >&2
  exit 1
fi
sudo=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    sudo=(sudo)
  else
    echo "test-deps: run as root (or install sudo) to install ${missing[*]}" >&2
    exit 1
  fi
fi

echo "test-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq >/dev/null
# policy-rc.d keeps Debian's maintainer scripts from starting the system sshd (tests start their own)
policy=/usr/sbin/policy-rc.d
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | "${sudo[@]}" tee "$policy" >/dev/null
  "${sudo[@]}" chmod 755 "$policy"
  trap '"${sudo[@]}" rm -f "$policy"' EXIT
fi
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
