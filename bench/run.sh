#!/usr/bin/env bash
# gtfc's benchmark in one command: builds the jar if needed (through the ./gtfc launcher), installs
# what the baseline needs (inotify-tools, openssh-server, openssh-client, git) when it is missing,
# then runs bench/Bench.java: a three-node gtfc cluster and the original tool's flow on loopback,
# scenario by scenario, printed as a table and as 'BENCH ...' lines.
#
#   bench/run.sh                 the full benchmark (about 10-20 minutes on 2 cores)
#   bench/run.sh --small         a quick run at small scale (fewer repetitions, S1 with 2,000 files)
#   bench/run.sh --only L1,L2    some scenarios (L1 L2 B1 S1 MEM START)
#   bench/run.sh --no-baseline   gtfc only;  --no-baseline-s1: skip only the baseline's S1
#   bench/run.sh --keep --work DIR   keep the clusters and logs in DIR
#   bench/run.sh --work /dev/shm/gtfc-bench   run on tmpfs: without a journal, ext4 creates files
#                                slowly for minutes after a mass deletion (such as an earlier run's)
#   bench/run.sh --daemon-opts '-XX:StartFlightRecording=filename={root}/{node}.jfr'   profile the daemons
#   bench/run.sh --daemon-env MALLOC_ARENA_MAX=4   an environment variable for the daemons (repeatable)
#   bench/run.sh --hold 60       keep the daemons up 60 s before measuring memory (to look at them)
#   bench/run.sh --trace         per change: when it was written and seen everywhere; per scenario: CPU by daemon thread
#   bench/run.sh --b1-text /usr/share/perl   B1's files cut from the text files there (default: random letters,
#                                which compress less than a user's text and hide the cost of compressing it)
set -euo pipefail

here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"

case "${1:-}" in
  -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
esac

packages=()
command -v inotifywait >/dev/null 2>&1 || packages+=(inotify-tools)
[ -x /usr/sbin/sshd ] || packages+=(openssh-server)
command -v ssh-keygen >/dev/null 2>&1 && command -v ssh >/dev/null 2>&1 || packages+=(openssh-client)
command -v git >/dev/null 2>&1 || packages+=(git)
command -v flock >/dev/null 2>&1 || packages+=(util-linux)

baseline_args=()
if [ ${#packages[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  if command -v apt-get >/dev/null 2>&1 && { [ -z "$sudo" ] || sudo -n true 2>/dev/null; }; then
    echo "bench: installing ${packages[*]} for the baseline" >&2
    # keep the package's own sshd service from starting on port 22: the baseline starts its own on loopback
    policy=""
    if [ ! -e /usr/sbin/policy-rc.d ]; then
      policy=/usr/sbin/policy-rc.d
      printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null
      $sudo chmod 755 "$policy"
    fi
    $sudo apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
    [ -z "$policy" ] || $sudo rm -f "$policy"
  else
    echo "bench: ${packages[*]} missing and cannot be installed here (needs root or sudo and apt-get): running gtfc without the baseline" >&2
    baseline_args=(--no-baseline)
  fi
fi
if [ "$(id -u)" -eq 0 ] && [ ! -d /run/sshd ]; then
  mkdir -p /run/sshd && chmod 755 /run/sshd   # OpenSSH's privilege separation directory
fi

# the launcher builds the jar when it is missing or older than the sources, and its class data archive
"$here/gtfc" --version >/dev/null

echo "bench: $(nproc) cores, $(uptime)" >&2
cd "$here"
java "$here/bench/Bench.java" --repo "$here" "${baseline_args[@]}" "$@"
echo "bench: done, $(uptime)" >&2
