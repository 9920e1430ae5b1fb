# shellcheck shell=sh
# Sourced by the VM tools' stand-ins in bin/ (limactl, colima, multipass, container, tart, utmctl, podman). Like
# bin/minikube, each answers only the commands Bridgelight runs, in the real tool's argument syntax and output
# shape (built from the real samples in test/fixtures/real), and runs its exec for real inside a lab namespace.
#
# A stand-in lists its lab VMs only when its tool is named in BRIDGELIGHT_LAB_TOOLS (comma-separated, e.g.
# `limactl,container`); otherwise it is an installed tool with no VMs, so suites that do not ask for more VMs see
# what they always saw. Also:
#   BRIDGELIGHT_LAB_HANG=TOOL,…     every call of those tools hangs (timeout handling)
#   BRIDGELIGHT_LAB_GARBAGE=TOOL,…  their listing prints garbage (unexpected output)
#   $BRIDGELIGHT_LAB_DIR/TOOL-state holding `stopped`: that tool's VM is stopped
# Every call appends one line to $BRIDGELIGHT_LAB_DIR/TOOL-calls.log, so tests can count execs.
set -eu

PREFIX=${BRIDGELIGHT_LAB:-bl}
# The lab's private folder (lab.sh); without one, nothing is logged and the VMs run.
DIR=${BRIDGELIGHT_LAB_DIR:-}
TOOL=$(basename "$0")

if [ -n "$DIR" ] && [ -d "$DIR" ]; then printf '%s\n' "$(printf '%s' "$*" | tr '\n' ' ')" >>"$DIR/$TOOL-calls.log"; fi

named_in() { case ",${1}," in *",$TOOL,"*) return 0 ;; *) return 1 ;; esac; }

if named_in "${BRIDGELIGHT_LAB_HANG:-}"; then exec sleep infinity; fi

# Whether this tool's lab VMs exist at all.
enabled() { named_in "${BRIDGELIGHT_LAB_TOOLS:-}"; }
garbage() { named_in "${BRIDGELIGHT_LAB_GARBAGE:-}"; }

running() { [ "$(cat "$DIR/$TOOL-state" 2>/dev/null || true)" != stopped ]; }

usage() { printf '%s (lab stand-in): %s\n' "$TOOL" "$1" >&2; exit 64; }

# Garbage as a crashing tool prints it: not JSON, not a table.
print_garbage() { printf 'panic: runtime error: invalid memory address or nil pointer dereference\n[signal SIGSEGV]\n'; }

# Runs the argument vector inside the VM's namespace: the exec paths that keep their arguments as they are.
exec_in() {
  ns=$1
  shift
  [ "$#" -gt 0 ] || usage "no command to run"
  exec ip netns exec "$ns" "$@"
}
