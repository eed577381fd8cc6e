#!/usr/bin/env bash
# Installs what the test harness needs for a real etcd (tests/harness/etcd.ts):
#   - Debian packages etcd-server, podman, runc;
#   - a podman configuration that works on these hosts (cgroups v1 hybrid, low rlimits);
#   - a local image localhost/skiff-etcd:3.4 (FROM scratch: /usr/bin/etcd + libc + loader).
# Idempotent and quick when everything is already in place; one line per step; stops at the first failure.
# Runs as root on Debian 12. Usage: bash tests/setup/install.sh
set -euo pipefail

IMAGE="localhost/skiff-etcd:3.4"
CONF_D="/etc/containers/containers.conf.d"
CONF="$CONF_D/50-skiff.conf"
STORAGE_CONF="/etc/containers/storage.conf"
LABEL="skiff.harness=etcd"

step() { printf 'install.sh: %s\n' "$*"; }
die() {
  printf 'install.sh: FAILED: %s\n' "$*" >&2
  exit 1
}
trap 'die "line $LINENO: \"$BASH_COMMAND\" exited with $?"' ERR

[ "$(id -u)" = 0 ] || die "must run as root (apt-get, /etc/containers)"
export DEBIAN_FRONTEND=noninteractive

# 1. Debian packages.
missing=()
for pkg in etcd-server podman runc; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] || missing+=("$pkg")
done
if [ ${#missing[@]} -eq 0 ]; then
  step "packages: etcd-server podman runc already installed"
else
  step "packages: installing ${missing[*]}"
  apt-get update -qq >/dev/null || die "apt-get update failed"
  apt-get install -y -qq --no-install-recommends etcd-server podman runc >/dev/null ||
    die "apt-get install ${missing[*]} failed"
fi
for bin in /usr/bin/etcd /usr/bin/podman; do [ -x "$bin" ] || die "$bin missing after install"; done
command -v runc >/dev/null || die "runc missing after install"

# 2. Podman configuration (a drop-in, so the packaged /usr/share/containers/containers.conf stays untouched).
#    - default_ulimits: podman's default nofile=1048576 exceeds the hard limit here ("error setting rlimits");
#    - exit_command_delay: otherwise conmon processes are left behind;
#    - runtime runc: crun fails with "cgroups in hybrid mode not supported".
want_conf='# Written by tests/setup/install.sh (Skiff test harness).
[containers]
default_ulimits = ["nofile=16384:16384", "nproc=16384:16384"]

[engine]
exit_command_delay = 3
runtime = "runc"'
if [ -f "$CONF" ] && [ "$(cat "$CONF")" = "$want_conf" ]; then
  step "podman config: $CONF up to date"
else
  mkdir -p "$CONF_D"
  printf '%s\n' "$want_conf" >"$CONF"
  step "podman config: wrote $CONF"
fi

# 3. Leftovers of earlier test runs whose process is gone (killed before stop()): harness containers
#    (label skiff.harness=etcd, owner pid in skiff.harness.pid), podman API services and etcd processes
#    under /tmp/skiff-harness-podman-<pid> and /tmp/skiff-harness-etcd-<pid>-*, and those temp dirs. A run still
#    in progress is left alone, and so is anything not named exactly so (other tests' dirs, other etcds).
TMP_ROOT="${TMPDIR:-/tmp}"
# A process is gone when /proc has no entry for it or it is a zombie (state Z after the last ")").
owner_gone() {
  [ -n "$1" ] && [ "$1" != 0 ] || return 1
  local stat state
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 0
  state=${stat##*) }
  [ "${state%% *}" = Z ]
}
removed=0
while read -r id owner; do
  [ -n "$id" ] || continue
  if [ -z "$owner" ] || [ "$owner" = "<no value>" ] || owner_gone "$owner"; then
    podman rm -f -t 0 "$id" >/dev/null
    removed=$((removed + 1))
  fi
done < <(podman ps -a --filter "label=$LABEL" --format '{{.ID}} {{index .Labels "skiff.harness.pid"}}' 2>/dev/null || true)
stopped=""
while read -r pid bin args; do
  owner=$(sed -nE 's#^(.*[ /=])?/?skiff-harness-(podman|etcd)-([0-9]+)([-/].*|)$#\3#p' <<<"$args")
  if owner_gone "$owner" && kill -9 "$pid" 2>/dev/null; then
    stopped+=" ${bin##*/}[$pid, owner $owner]"
  fi
done < <(pgrep -a -f -- "$TMP_ROOT/skiff-harness-(podman|etcd)-[0-9]+" | grep -E '^[0-9]+ (/usr/bin/)?(podman|etcd) ' || true)
dirs=""
for d in "$TMP_ROOT"/skiff-harness-podman-* "$TMP_ROOT"/skiff-harness-etcd-*; do
  [ -d "$d" ] || continue
  owner=$(sed -nE 's#^(.*[ /=])?/?skiff-harness-(podman|etcd)-([0-9]+)([-/].*|)$#\3#p' <<<"$d")
  if owner_gone "$owner"; then
    rm -rf "$d"
    dirs+=" ${d##*/}"
  fi
done
step "leftovers: removed $removed container(s); stopped:${stopped:- none}; removed dirs:${dirs:- none}"

# 4. The etcd image, and a probe that a container actually runs (this is what decides the storage driver).
build_image() {
  local ctx
  ctx=$(mktemp -d /tmp/skiff-image-XXXXXX)
  # Copy etcd and every library ldd lists (libc and the loader for the Debian build), keeping their paths.
  mkdir -p "$ctx/root/usr/bin" "$ctx/root/tmp"
  cp /usr/bin/etcd "$ctx/root/usr/bin/etcd"
  local libs
  libs=$(ldd /usr/bin/etcd | grep -oE '/[^ ]+' | sort -u)
  [ -n "$libs" ] || die "ldd /usr/bin/etcd listed no libraries"
  for lib in $libs; do
    mkdir -p "$ctx/root$(dirname "$lib")"
    cp -L "$lib" "$ctx/root$lib"
  done
  chmod 1777 "$ctx/root/tmp"
  printf 'FROM scratch\nCOPY root/ /\nENTRYPOINT ["/usr/bin/etcd"]\n' >"$ctx/Containerfile"
  if ! podman build -q --network=none -t "$IMAGE" -f "$ctx/Containerfile" "$ctx" >"$ctx/build.log" 2>&1; then
    cat "$ctx/build.log" >&2
    rm -rf "$ctx"
    return 1
  fi
  rm -rf "$ctx"
}
probe() {
  local out
  out=$(podman run --rm --network=none "$IMAGE" --version 2>&1) && grep -q '^etcd Version' <<<"$out"
}
driver=$(podman info --format '{{.Store.GraphDriverName}}' 2>/dev/null || echo unknown)

if podman image exists "$IMAGE"; then
  step "image: $IMAGE already present (storage driver $driver)"
else
  if build_image; then
    step "image: built $IMAGE (storage driver $driver)"
  else
    step "image: build failed with storage driver $driver"
    driver=broken
  fi
fi

if [ "$driver" != broken ] && probe; then
  step "probe: a $IMAGE container runs (storage driver $driver)"
elif [ "$driver" = vfs ]; then
  podman run --rm --network=none "$IMAGE" --version >&2 || true
  die "containers do not run even with the vfs storage driver (see the error above)"
else
  # Overlay does not work here (e.g. a kernel or backing filesystem without overlay support): use vfs.
  step "storage: overlay failed here, switching to vfs (podman system reset)"
  podman run --rm --network=none "$IMAGE" --version >&2 || true
  printf '# Written by tests/setup/install.sh: overlay did not work on this host.\n[storage]\ndriver = "vfs"\nrunroot = "/run/containers/storage"\ngraphroot = "/var/lib/containers/storage"\n' >"$STORAGE_CONF"
  podman system reset --force >/dev/null 2>&1 || true
  build_image || die "podman build of $IMAGE failed with the vfs storage driver"
  probe || {
    podman run --rm --network=none "$IMAGE" --version >&2 || true
    die "a $IMAGE container does not run with the vfs storage driver"
  }
  step "probe: a $IMAGE container runs (storage driver vfs)"
fi

step "done: etcd $(/usr/bin/etcd --version | sed -n 's/^etcd Version: //p'), podman $(podman version --format '{{.Client.Version}}'), image $IMAGE"
