#!/bin/sh
# The seed case rebuilt from real kernel parts, so Bridgelight can be tested against real packets:
#
#   [vm] eth0 192.168.77.6 --veth-- vmenet0 ∈ bridge100 192.168.77.1 [host] en0 --veth-- eth0 198.51.100.1 [router]
#                                    NAT: 192.168.77.0/24 -> MASQUERADE on en0           lo: 203.0.113.10 (:80, :443)
#                                                                                        lo: 203.0.113.53 (DNS)
#
# The router only answers the current lease (it drops 198.51.100.66), as the seed's office network did.
#
# Beside it, a docker-driver node: its gateway lives in a stack of its own that reaches the router without the
# host's bridge or NAT, as minikube's docker driver sits inside Docker Desktop's VM and user-space network:
#
#   [dk] eth0 192.168.49.2 --veth-- br49 192.168.49.1 [dgw] up0 192.0.2.2 --veth-- eth1 192.0.2.1 [router]
#                                   NAT: 192.168.49.0/24 -> MASQUERADE on up0
#
# More VMs for the multi-VM case (more_vms below): a second vmnet bridge with its own VM, NAT'ed onto en0 like
# bridge100 (apple/container's default network), and a user-mode VM whose gateway is a stack of its own that
# reaches the router without the host's NAT, as Lima's slirp does:
#
#   [vm2] eth0 192.168.64.2 --veth-- vmenet1 ∈ bridge101 192.168.64.1 [host]    NAT: 192.168.64.0/24 -> en0
#   [um]  eth0 192.168.5.15 --veth-- br5 192.168.5.2 [ugw] up0 192.0.2.6 --veth-- eth2 192.0.2.5 [router]
#
# Everything lives in network namespaces named $BRIDGELIGHT_LAB-{vm,host,router,dk,dgw,vm2,um,ugw}; the root namespace's
# interfaces, routes and firewall are never touched, and no route leads out of the lab.
#
# Usage (as root): lab.sh up | down | state healthy|seed | status
#   BRIDGELIGHT_LAB      namespace prefix (default bl), so parallel runs do not clash
#   BRIDGELIGHT_LAB_DIR  the private folder (0700, root's, not a link) for pid, log and state files; `up` makes one
#                        with mktemp and prints it when unset, and every later call needs it
set -eu

PREFIX=${BRIDGELIGHT_LAB:-bl}
case $PREFIX in [a-z]*) ;; *) echo "lab: BRIDGELIGHT_LAB must start with a-z" >&2; exit 2 ;; esac
case $PREFIX in *[!a-z0-9]*) echo "lab: BRIDGELIGHT_LAB must be [a-z0-9]" >&2; exit 2 ;; esac
[ "${#PREFIX}" -le 8 ] || { echo "lab: BRIDGELIGHT_LAB is longer than 8 characters" >&2; exit 2; }
VM=$PREFIX-vm
HOST=$PREFIX-host
ROUTER=$PREFIX-router
DOCKER_NODE=$PREFIX-dk
DOCKER_STACK=$PREFIX-dgw
VM2=$PREFIX-vm2
USER_VM=$PREFIX-um
USER_STACK=$PREFIX-ugw
# Never a fixed name in /tmp: another user could create it first, or plant links in it, and root writes there.
DIR=${BRIDGELIGHT_LAB_DIR:-}
HERE=$(cd "$(dirname "$0")" && pwd)

GOOD=198.51.100.7
STALE=198.51.100.66
GATEWAY=198.51.100.1

ns_exists() { ip netns list | sed 's/ .*//' | grep -qx "$1"; }
in_ns() { ns=$1; shift; ip netns exec "$ns" "$@"; }
# Writes a sysctl of the given namespace: /proc/sys/net shows the namespace of the process that reads it.
# shellcheck disable=SC2016 # $1 and $2 belong to the inner sh, which gets them as arguments, not as code.
ns_sysctl() { ip netns exec "$1" sh -c 'printf "%s\n" "$2" >"/proc/sys/$1"' sysctl "$2" "$3"; }

# Refuses any folder but a private one of ours: a folder others can write would let them plant the pid file
# (whose process `down` kills) or links where root writes the logs.
private_dir() {
  [ -n "$DIR" ] || { echo "lab: set BRIDGELIGHT_LAB_DIR to the folder lab.sh up printed" >&2; exit 2; }
  if [ -L "$DIR" ] || [ ! -d "$DIR" ]; then echo "lab: BRIDGELIGHT_LAB_DIR is not a folder: $DIR" >&2; exit 2; fi
  [ "$(stat -c %u "$DIR")" = "$(id -u)" ] || { echo "lab: BRIDGELIGHT_LAB_DIR is not ours: $DIR" >&2; exit 2; }
  [ "$(stat -c %a "$DIR")" = 700 ] || { echo "lab: BRIDGELIGHT_LAB_DIR must be mode 0700: $DIR" >&2; exit 2; }
}

servers_pid() {
  [ -n "$DIR" ] && [ -r "$DIR/servers.pid" ] || return 1
  pid=$(cat "$DIR/servers.pid")
  case $pid in '' | *[!0-9]*) return 1 ;; esac
  # Only the process we started: a recycled pid belongs to someone else.
  grep -q 'servers\.mjs' "/proc/$pid/cmdline" 2>/dev/null || return 1
  printf '%s\n' "$pid"
}

# A zombie counts as gone: it holds no sockets and no namespace (and some inits never reap orphans).
alive() {
  st=$(sed -n 's/^State:[[:space:]]*\(.\).*/\1/p' "/proc/$1/status" 2>/dev/null || true)
  [ -n "$st" ] && [ "$st" != Z ]
}

down() {
  if pid=$(servers_pid); then
    kill "$pid" 2>/dev/null || true
    i=0
    while alive "$pid" && [ "$i" -lt 40 ]; do sleep 0.05; i=$((i + 1)); done
  fi
  for ns in "$USER_VM" "$USER_STACK" "$VM2" "$DOCKER_NODE" "$DOCKER_STACK" "$ROUTER" "$HOST" "$VM"; do
    ns_exists "$ns" || continue
    # Anything still inside (a hung `minikube ssh`, a server whose pidfile was lost) would keep the namespace
    # alive after `ip netns del`; they can only be ours, as the namespace is.
    pids=$(ip netns pids "$ns" 2>/dev/null || true)
    if [ -n "$pids" ]; then
      for p in $pids; do kill "$p" 2>/dev/null || true; done
      sleep 0.2
      for p in $(ip netns pids "$ns" 2>/dev/null || true); do kill -9 "$p" 2>/dev/null || true; done
    fi
    ip netns del "$ns"
  done
  for ns in "$VM" "$HOST" "$DOCKER_NODE" "$VM2" "$USER_VM"; do
    rm -f "/etc/netns/$ns/resolv.conf"
    rmdir "/etc/netns/$ns" 2>/dev/null || true
  done
  rmdir /etc/netns 2>/dev/null || true
  [ -n "$DIR" ] && [ -d "$DIR" ] || return 0
  for f in servers.pid servers.log state vm-state minikube-calls.log; do rm -f "${DIR:?}/$f"; done
  # The VM tools' stand-ins (test/lab/bin) log their calls as TOOL-calls.log.
  for tool in limactl colima multipass container tart utmctl podman; do rm -f "${DIR:?}/$tool-calls.log"; done
  for f in lab-ca.key lab-ca.pem lab-ca.srl lab-leaf.key lab-leaf.csr lab-leaf.ext lab-leaf.pem; do rm -f "${DIR:?}/$f"; done
}

# `down` as a command also removes the folder; `up` keeps it (re-creating it would reopen the race).
down_and_remove() {
  down
  if [ -n "$DIR" ] && [ -d "$DIR" ]; then rmdir "$DIR" 2>/dev/null || true; fi
}

set_state() {
  case $1 in healthy | seed) ;; *) echo "lab: state must be healthy or seed" >&2; exit 2 ;; esac
  ns_exists "$HOST" || { echo "lab: not up (run: lab.sh up)" >&2; exit 1; }
  # Start from the kernel default (deleting a primary also deletes its secondaries) whatever the distribution
  # set, and whatever the helper switched on in an earlier test: the helper must prove it handles this itself.
  ns_sysctl "$HOST" net/ipv4/conf/all/promote_secondaries 0
  ns_sysctl "$HOST" net/ipv4/conf/en0/promote_secondaries 0
  in_ns "$HOST" ip addr flush dev en0
  if [ "$1" = seed ]; then
    # Added first and forever: the old lease nobody removed. The kernel makes it the primary, and MASQUERADE
    # takes the primary, exactly as vmnet's pf rule takes (en0:0) on macOS.
    in_ns "$HOST" ip addr add "$STALE/24" dev en0
  fi
  # The current lease, as a DHCP client installs it: finite lifetime.
  in_ns "$HOST" ip addr add "$GOOD/24" dev en0 valid_lft 3600 preferred_lft 3600
  # The host's own traffic follows the route's src, so the host keeps working in the seed state.
  in_ns "$HOST" ip route replace default via "$GATEWAY" dev en0 src "$GOOD"
  # Deleting the addresses already made MASQUERADE forget their connections; this covers anything else.
  if command -v conntrack >/dev/null 2>&1; then in_ns "$HOST" conntrack -F >/dev/null 2>&1 || true; fi
  printf '%s\n' "$1" >"$DIR/state"
}

# The docker-driver node and the stack it sits behind: its own NAT onto its own uplink to the router.
docker_driver() {
  in_ns "$DOCKER_STACK" ip link add br49 type veth peer name eth0 netns "$DOCKER_NODE"
  in_ns "$DOCKER_STACK" ip link add up0 type veth peer name eth1 netns "$ROUTER"
  in_ns "$DOCKER_NODE" ip addr add 192.168.49.2/24 dev eth0
  in_ns "$DOCKER_NODE" ip link set eth0 up
  # As in the real docker-driver node's table (minikube-docker-driver-node-ip-route-192.168.49.1-EXCERPT.txt).
  in_ns "$DOCKER_NODE" ip route add default via 192.168.49.1 dev eth0
  in_ns "$DOCKER_STACK" ip addr add 192.168.49.1/24 dev br49
  in_ns "$DOCKER_STACK" ip addr add 192.0.2.2/24 dev up0
  for l in br49 up0; do in_ns "$DOCKER_STACK" ip link set "$l" up; done
  in_ns "$DOCKER_STACK" ip route add default via 192.0.2.1 dev up0
  ns_sysctl "$DOCKER_STACK" net/ipv4/ip_forward 1
  in_ns "$DOCKER_STACK" iptables -t nat -A POSTROUTING -s 192.168.49.0/24 -o up0 -j MASQUERADE
  in_ns "$ROUTER" ip addr add 192.0.2.1/24 dev eth1
  in_ns "$ROUTER" ip link set eth1 up
}

# A CA that no trust store knows and a certificate for secure.lab.test signed by it, as an intercepting proxy's.
lab_ca() {
  command -v openssl >/dev/null 2>&1 || return 0
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/O=Bridgelight Lab/CN=Bridgelight Lab Intercepting CA" \
    -keyout "$DIR/lab-ca.key" -out "$DIR/lab-ca.pem" >/dev/null 2>&1
  openssl req -newkey rsa:2048 -nodes -subj "/CN=secure.lab.test" \
    -keyout "$DIR/lab-leaf.key" -out "$DIR/lab-leaf.csr" >/dev/null 2>&1
  printf 'subjectAltName=DNS:secure.lab.test\n' >"$DIR/lab-leaf.ext"
  openssl x509 -req -in "$DIR/lab-leaf.csr" -CA "$DIR/lab-ca.pem" -CAkey "$DIR/lab-ca.key" -CAcreateserial \
    -days 2 -extfile "$DIR/lab-leaf.ext" -out "$DIR/lab-leaf.pem" >/dev/null 2>&1
}

# The second vmnet VM behind bridge101, and the user-mode VM with its own gateway stack (see the top).
more_vms() {
  in_ns "$HOST" ip link add bridge101 type bridge
  in_ns "$HOST" ip link add vmenet1 type veth peer name eth0 netns "$VM2"
  in_ns "$HOST" ip link set vmenet1 master bridge101
  in_ns "$VM2" ip addr add 192.168.64.2/24 dev eth0
  in_ns "$VM2" ip link set eth0 up
  # As in apple/container's guest (apple-container-vmnet-ip-route-EXCERPT.txt).
  in_ns "$VM2" ip route add default via 192.168.64.1 dev eth0
  in_ns "$HOST" ip addr add 192.168.64.1/24 dev bridge101
  for l in bridge101 vmenet1; do in_ns "$HOST" ip link set "$l" up; done
  in_ns "$HOST" iptables -t nat -A POSTROUTING -s 192.168.64.0/24 -o en0 -j MASQUERADE

  in_ns "$USER_STACK" ip link add br5 type veth peer name eth0 netns "$USER_VM"
  in_ns "$USER_STACK" ip link add up0 type veth peer name eth2 netns "$ROUTER"
  in_ns "$USER_VM" ip addr add 192.168.5.15/24 dev eth0
  in_ns "$USER_VM" ip link set eth0 up
  # As in a Lima guest's slirp side (lima2632-socket_vmnet-lima0-metric-100-slirp-eth0-metric-200.txt).
  in_ns "$USER_VM" ip route add default via 192.168.5.2 dev eth0 proto dhcp src 192.168.5.15 metric 200
  in_ns "$USER_STACK" ip addr add 192.168.5.2/24 dev br5
  in_ns "$USER_STACK" ip addr add 192.0.2.6/30 dev up0
  for l in br5 up0; do in_ns "$USER_STACK" ip link set "$l" up; done
  in_ns "$USER_STACK" ip route add default via 192.0.2.5 dev up0
  ns_sysctl "$USER_STACK" net/ipv4/ip_forward 1
  in_ns "$USER_STACK" iptables -t nat -A POSTROUTING -s 192.168.5.0/24 -o up0 -j MASQUERADE
  in_ns "$ROUTER" ip addr add 192.0.2.5/30 dev eth2
  in_ns "$ROUTER" ip link set eth2 up
}

up() {
  down
  node=$(command -v node) || { echo "lab: node is needed for the router's servers" >&2; exit 1; }
  for ns in "$VM" "$HOST" "$ROUTER" "$DOCKER_NODE" "$DOCKER_STACK" "$VM2" "$USER_VM" "$USER_STACK"; do
    ip netns add "$ns"
    # IPv4 only, like the tool: no link-local IPv6 chatter, no AAAA surprises. Must precede the links.
    ns_sysctl "$ns" net/ipv6/conf/all/disable_ipv6 1
    ns_sysctl "$ns" net/ipv6/conf/default/disable_ipv6 1
    in_ns "$ns" ip link set lo up
  done

  # Links are created inside the namespaces (peer moved at creation), so nothing ever appears in the root one.
  in_ns "$HOST" ip link add bridge100 type bridge
  in_ns "$HOST" ip link add vmenet0 type veth peer name eth0 netns "$VM"
  in_ns "$HOST" ip link set vmenet0 master bridge100
  in_ns "$HOST" ip link add en0 type veth peer name eth0 netns "$ROUTER"

  in_ns "$VM" ip addr add 192.168.77.6/24 dev eth0
  in_ns "$VM" ip link set eth0 up
  # As in the seed's vm-ip-route-EXCERPT.txt.
  in_ns "$VM" ip route add default via 192.168.77.1 dev eth0 proto dhcp src 192.168.77.6 metric 1024

  in_ns "$HOST" ip addr add 192.168.77.1/24 dev bridge100
  for l in bridge100 vmenet0 en0; do in_ns "$HOST" ip link set "$l" up; done
  ns_sysctl "$HOST" net/ipv4/ip_forward 1
  in_ns "$HOST" iptables -t nat -A POSTROUTING -s 192.168.77.0/24 -o en0 -j MASQUERADE

  in_ns "$ROUTER" ip addr add "$GATEWAY/24" dev eth0
  in_ns "$ROUTER" ip link set eth0 up
  in_ns "$ROUTER" ip addr add 203.0.113.10/32 dev lo
  in_ns "$ROUTER" ip addr add 203.0.113.53/32 dev lo
  # The VM-side findings' services (servers.mjs): HTTPS with a lab CA, an HTTP proxy, a VPN-like resolver.
  for a in 203.0.113.11 203.0.113.12 203.0.113.54; do in_ns "$ROUTER" ip addr add "$a/32" dev lo; done
  lab_ca
  # The end of the lab: it forwards nothing, and answers nothing from the stale address.
  ns_sysctl "$ROUTER" net/ipv4/ip_forward 0
  in_ns "$ROUTER" iptables -A INPUT -s "$STALE" -j DROP

  docker_driver
  more_vms

  # `ip netns exec` bind-mounts these over /etc/resolv.conf, so lookups in the lab go to the lab's DNS only.
  for ns in "$VM" "$HOST" "$DOCKER_NODE" "$VM2" "$USER_VM"; do
    mkdir -p "/etc/netns/$ns"
    printf 'nameserver 203.0.113.53\noptions timeout:1 attempts:2\n' >"/etc/netns/$ns/resolv.conf"
  done

  # Not via in_ns: a function would leave a forked shell as $!, not the server itself.
  ip netns exec "$ROUTER" "$node" "$HERE/servers.mjs" </dev/null >"$DIR/servers.log" 2>&1 &
  started=$!
  printf '%s\n' "$started" >"$DIR/servers.pid"
  i=0
  until grep -q '^ready$' "$DIR/servers.log"; do
    i=$((i + 1))
    if [ "$i" -gt 100 ] || ! kill -0 "$started" 2>/dev/null; then
      echo "lab: the router's servers did not start:" >&2
      cat "$DIR/servers.log" >&2
      exit 1
    fi
    sleep 0.05
  done

  set_state healthy
}

status() {
  ok=0
  for ns in "$VM" "$HOST" "$ROUTER" "$DOCKER_NODE" "$DOCKER_STACK" "$VM2" "$USER_VM" "$USER_STACK"; do
    if ns_exists "$ns"; then echo "namespace $ns: present"; else echo "namespace $ns: missing"; ok=1; fi
  done
  [ "$ok" -eq 0 ] || return 1
  echo "state: $(cat "$DIR/state" 2>/dev/null || echo unknown)"
  if pid=$(servers_pid); then echo "servers: pid $pid"; else echo "servers: not running"; ok=1; fi
  echo "host en0:"
  in_ns "$HOST" ip -o -4 addr show dev en0 | sed 's/^/  /'
  echo "host routes:"
  in_ns "$HOST" ip -4 route show | sed 's/^/  /'
  echo "host NAT:"
  in_ns "$HOST" iptables -t nat -S POSTROUTING | sed 's/^/  /'
  echo "vm routes:"
  in_ns "$VM" ip -4 route show | sed 's/^/  /'
  return "$ok"
}

usage() { echo "usage: lab.sh up | down | state healthy|seed | status" >&2; exit 2; }

[ "$(id -u)" -eq 0 ] || { echo "lab: must run as root (network namespaces)" >&2; exit 1; }
case ${1:-} in
  up | down | status) [ "$#" -eq 1 ] || usage ;;
  state) [ "$#" -eq 2 ] || usage ;;
  *) usage ;;
esac
# Called outside any || or && so that set -e stays in force inside the functions.
if [ "$1" = up ] && [ -z "$DIR" ]; then
  DIR=$(mktemp -d "${TMPDIR:-/tmp}/bridgelight-lab-$PREFIX.XXXXXXXX")
  echo "BRIDGELIGHT_LAB_DIR=$DIR"
fi
# A folder that is already gone (a lab torn down) needs no check to be torn down again or found not up.
case $1 in
  down | status) if [ -z "$DIR" ] || [ -L "$DIR" ] || [ -e "$DIR" ]; then private_dir; fi ;;
  *) private_dir ;;
esac
case $1 in
  up) up ;;
  down) down_and_remove ;;
  state) set_state "$2" ;;
  status) status ;;
esac
