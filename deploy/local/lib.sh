# Shared by deploy/local/{up,down,token,gateway-conf}. Sourced, not run.
# shellcheck shell=bash
# shellcheck disable=SC2034,SC2015 # variables are used by the scripts that source this; A && B || die is intended

SIR_REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SIR_DEPLOY_DIR="${SIR_REPO_ROOT}/deploy"

# Knobs (see deploy/local/README.md).
SIR_PORT_BASE="${SIR_PORT_BASE:-8080}"
SIR_KAFKA_PORT="${SIR_KAFKA_PORT:-9092}"
SIR_LOCAL_DIR="${SIR_LOCAL_DIR:-${SIR_REPO_ROOT}/.local}"
SIR_DB_PREFIX="${SIR_DB_PREFIX:-sir_}"
SIR_PG_USER="${SIR_PG_USER:-sir}"
SIR_PG_PASSWORD="${SIR_PG_PASSWORD:-sir}"
SIR_BIND_ADDRESS="${SIR_BIND_ADDRESS:-127.0.0.1}"
SIR_JAVA_OPTS="${SIR_JAVA_OPTS:--Xmx256m -XX:+UseSerialGC}"
SIR_KAFKA_JAVA_OPTS="${SIR_KAFKA_JAVA_OPTS:-${SIR_JAVA_OPTS}}"

# The five services, in start order. Port = SIR_PORT_BASE + offset; database = SIR_DB_PREFIX + suffix.
SIR_ALL_SERVICES="keys-service actions-service rewards-service webhook-dispatcher donations-service"
SIR_SERVICES="${SIR_SERVICES:-${SIR_ALL_SERVICES}}"

die() { echo "$(basename "$0"): $*" >&2; exit 1; }
say() { echo "$(basename "$0"): $*"; }

# A local dir must never be "/" or the repo root itself (down --purge deletes it).
case "${SIR_LOCAL_DIR}" in
  /*) ;;
  *) SIR_LOCAL_DIR="$(pwd)/${SIR_LOCAL_DIR}" ;;
esac
SIR_LOCAL_DIR="${SIR_LOCAL_DIR%/}"
[ -n "${SIR_LOCAL_DIR}" ] && [ "${SIR_LOCAL_DIR}" != "${SIR_REPO_ROOT}" ] && [ "${SIR_LOCAL_DIR}" != "${HOME:-/root}" ] \
  || die "refusing SIR_LOCAL_DIR='${SIR_LOCAL_DIR}'"

[[ "${SIR_PORT_BASE}" =~ ^[0-9]+$ ]] && [ "${SIR_PORT_BASE}" -ge 1 ] && [ "${SIR_PORT_BASE}" -le 65530 ] \
  || die "SIR_PORT_BASE must be a port number (1-65530), got '${SIR_PORT_BASE}'"
[[ "${SIR_KAFKA_PORT}" =~ ^[0-9]+$ ]] && [ "${SIR_KAFKA_PORT}" -ge 1 ] && [ "${SIR_KAFKA_PORT}" -le 65535 ] \
  || die "SIR_KAFKA_PORT must be a port number, got '${SIR_KAFKA_PORT}'"
# The prefix ends up in SQL identifiers: keep it to lower-case letters, digits and '_'.
[[ "${SIR_DB_PREFIX}" =~ ^[a-z_][a-z0-9_]*$|^$ ]] || die "SIR_DB_PREFIX must match [a-z_][a-z0-9_]*, got '${SIR_DB_PREFIX}'"

service_offset() {
  case "$1" in
    keys-service) echo 1 ;;
    actions-service) echo 2 ;;
    rewards-service) echo 3 ;;
    webhook-dispatcher) echo 4 ;;
    donations-service) echo 5 ;;
    *) return 1 ;;
  esac
}
service_port() { echo $((SIR_PORT_BASE + $(service_offset "$1"))); }
service_db() {
  case "$1" in
    keys-service) echo "${SIR_DB_PREFIX}keys" ;;
    actions-service) echo "${SIR_DB_PREFIX}actions" ;;
    rewards-service) echo "${SIR_DB_PREFIX}rewards" ;;
    webhook-dispatcher) echo "${SIR_DB_PREFIX}webhooks" ;;
    donations-service) echo "${SIR_DB_PREFIX}donations" ;;
    *) return 1 ;;
  esac
}
all_dbs() { local s out=""; for s in ${SIR_ALL_SERVICES}; do out="${out:+${out} }$(service_db "$s")"; done; echo "${out}"; }
gateway_port() { echo "${SIR_PORT_BASE}"; }

for _s in ${SIR_SERVICES}; do service_offset "${_s}" >/dev/null || die "unknown service '${_s}' in SIR_SERVICES"; done
unset _s

# ---- replicas -------------------------------------------------------------------------------------------------
# SIR_REPLICAS="actions-service=2 rewards-service=2" starts more than one process of a service (default: one each),
# e.g. to prove that rate limits leased from keys-service hold across replicas. Replica 1 is the component
# "<service>" exactly as without the knob; replica n >= 2 is the component "<service>-<n>" (pid file, log) on port
# SIR_PORT_BASE + 10*(n-1) + offset, with the same environment, database and jar as replica 1: everything that
# must be shared between replicas (database, Kafka consumer groups, rate budgets) is shared, as in production.
# At most SIR_MAX_REPLICAS each: every replica is a JVM of its own.
SIR_REPLICAS="${SIR_REPLICAS:-}"
SIR_MAX_REPLICAS=9
declare -gA SIR_REPLICA_COUNT=()
# read -a, not an unquoted expansion: no globbing of whatever the knob holds.
read -r -a _rs <<<"${SIR_REPLICAS}"
for _r in "${_rs[@]}"; do
  [[ "${_r}" =~ ^([a-z-]+)=([0-9]+)$ ]] || die "SIR_REPLICAS: expected <service>=<count>, got '${_r}'"
  _s="${BASH_REMATCH[1]}"
  _n="${BASH_REMATCH[2]}"
  service_offset "${_s}" >/dev/null || die "SIR_REPLICAS: unknown service '${_s}'"
  [ -z "${SIR_REPLICA_COUNT[${_s}]:-}" ] || die "SIR_REPLICAS: '${_s}' given twice"
  [[ "${_n}" =~ ^[1-9][0-9]*$ ]] && [ "${_n}" -le "${SIR_MAX_REPLICAS}" ] \
    || die "SIR_REPLICAS: ${_s}: the count must be 1-${SIR_MAX_REPLICAS}, got '${_n}'"
  [ $((SIR_PORT_BASE + 10 * (_n - 1) + $(service_offset "${_s}"))) -le 65535 ] \
    || die "SIR_REPLICAS: ${_s}=${_n} needs ports above 65535 with SIR_PORT_BASE=${SIR_PORT_BASE}"
  SIR_REPLICA_COUNT[${_s}]="${_n}"
done
unset _rs _r _s _n

service_replicas() { echo "${SIR_REPLICA_COUNT[$1]:-1}"; }
# The component name of replica <n> of <service>: the service's own name for replica 1, "<service>-<n>" after.
replica_name() { if [ "$2" = 1 ]; then echo "$1"; else echo "$1-$2"; fi; }
replica_port() { echo $((SIR_PORT_BASE + 10 * ($2 - 1) + $(service_offset "$1"))); }
# The components SIR_REPLICAS asks for, replica 1 first.
service_components() {
  local n out=""
  for ((n = 1; n <= $(service_replicas "$1"); n++)); do out="${out:+${out} }$(replica_name "$1" "${n}")"; done
  echo "${out}"
}
# "<service>" or "<service>-<n>" (n >= 2) -> "<service> <n>"; fails for anything else (kafka, gateway, typos).
parse_component() {
  local name="$1" s n
  if service_offset "${name}" >/dev/null; then echo "${name} 1"; return; fi
  s="${name%-*}"
  n="${name##*-}"
  [[ "${n}" =~ ^[1-9][0-9]*$ ]] && [ "${n}" -ge 2 ] && service_offset "${s}" >/dev/null || return 1
  echo "${s} ${n}"
}
component_port() { local sn; sn="$(parse_component "$1")" || return 1; replica_port "${sn% *}" "${sn#* }"; }
# The service components of <service> that have a pid file, whatever SIR_REPLICAS says now (down stops replicas an
# earlier up started with a different knob), replica 1 first.
recorded_components() {
  local s="$1" f n nums=() out=""
  [ ! -f "${PIDS_DIR}/${s}.pid" ] || out="${s}"
  for f in "${PIDS_DIR}/${s}"-*.pid; do
    n="${f##*/"${s}"-}"
    n="${n%.pid}"
    if [ -f "${f}" ] && [[ "${n}" =~ ^[1-9][0-9]*$ ]] && [ "${n}" -ge 2 ]; then nums+=("${n}"); fi
  done
  for n in $(printf '%s\n' "${nums[@]}" | sort -n); do out="${out:+${out} }${s}-${n}"; done
  echo "${out}"
}

PIDS_DIR="${SIR_LOCAL_DIR}/pids"
LOGS_DIR="${SIR_LOCAL_DIR}/logs"
SECRETS_DIR="${SIR_LOCAL_DIR}/secrets"
JWT_DIR="${SIR_LOCAL_DIR}/jwt"
GATEWAY_DIR="${SIR_LOCAL_DIR}/gateway"
KAFKA_DIR="${SIR_LOCAL_DIR}/kafka"
MARKER_FILE="${SIR_LOCAL_DIR}/.sir-local-run"

# ---- processes ------------------------------------------------------------------------------------------------

# The text that identifies a component's process in /proc/<pid>/cmdline (guards against a recycled PID).
component_marker() {
  case "$1" in
    kafka) echo "org.sirgiving.kafkabroker.KafkaBroker" ;;
    gateway) echo "${GATEWAY_DIR}/nginx.conf" ;;
    *)
      # Every replica of a service runs the same jar; which replica a PID belongs to is told by its pid file.
      local sn
      sn="$(parse_component "$1")" || return 1
      echo "${SIR_REPO_ROOT}/${sn% *}/target/quarkus-app/quarkus-run.jar"
      ;;
  esac
}

# Prints the recorded PID of a component if that process is alive and still is that component.
running_pid() {
  local name="$1" pidfile="${PIDS_DIR}/$1.pid" pid cmdline marker
  [ -f "${pidfile}" ] || return 1
  # An unknown name has no marker, and an empty one would match any process.
  marker="$(component_marker "${name}")" && [ -n "${marker}" ] || return 1
  pid="$(tr -dc '0-9' <"${pidfile}")"
  [ -n "${pid}" ] && [ -r "/proc/${pid}/cmdline" ] || return 1
  cmdline="$(tr '\0' ' ' <"/proc/${pid}/cmdline" 2>/dev/null)" || return 1
  case "${cmdline}" in
    *"${marker}"*) echo "${pid}" ;;
    *) return 1 ;;
  esac
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

http_status() { curl -s -o /dev/null -m 5 -w '%{http_code}' "$1" 2>/dev/null || true; }

# ---- development JWT key pair ---------------------------------------------------------------------------------

ensure_jwt_keys() {
  mkdir -p "${JWT_DIR}"
  chmod 700 "${JWT_DIR}"
  (
    flock 9
    if [ ! -s "${JWT_DIR}/dev-private.pem" ] || [ ! -s "${JWT_DIR}/dev-public.pem" ]; then
      umask 077
      openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "${JWT_DIR}/dev-private.pem.tmp" 2>/dev/null
      openssl pkey -in "${JWT_DIR}/dev-private.pem.tmp" -pubout -out "${JWT_DIR}/dev-public.pem.tmp"
      chmod 644 "${JWT_DIR}/dev-public.pem.tmp"
      mv -f "${JWT_DIR}/dev-private.pem.tmp" "${JWT_DIR}/dev-private.pem"
      mv -f "${JWT_DIR}/dev-public.pem.tmp" "${JWT_DIR}/dev-public.pem"
    fi
  ) 9>"${JWT_DIR}/.lock"
}

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# Creates $SIR_LOCAL_DIR and marks it as ours (down --purge deletes only a marked folder).
init_local_dir() {
  mkdir -p "${SIR_LOCAL_DIR}"
  [ -f "${MARKER_FILE}" ] || echo "Created by deploy/local (SIR Giving local run). deploy/local/down --purge deletes this folder." >"${MARKER_FILE}"
}
