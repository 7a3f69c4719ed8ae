# Shared helpers for scripts/*.sh (sourced, not run). Bash only.
# Everything here works on a brand-new Debian bookworm machine as root, with only the
# Debian/NuGet/npm registries reachable, and on a developer machine where things are already there.

PG_BIN=/usr/lib/postgresql/15/bin

say() { printf '[%s] %s\n' "${ONESEAL_SCRIPT:-oneseal}" "$*"; }

# True when the Debian package is installed.
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

# ensure_packages WHY PKG...: installs the missing ones with apt-get (apt-get update first, once,
# only when something is missing). Prints what it installs and why.
ensure_packages() {
  local why=$1; shift
  local missing=() p
  for p in "$@"; do have_pkg "$p" || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { say "missing Debian packages: ${missing[*]} ($why); install them as root"; return 1; }
    sudo=(sudo)
  fi
  say "installing Debian packages: ${missing[*]} ($why)"
  export DEBIAN_FRONTEND=noninteractive
  if [ -z "${ONESEAL_APT_UPDATED:-}" ]; then
    "${sudo[@]}" apt-get update -qq -o DPkg::Lock::Timeout=300 || { say "apt-get update failed"; return 1; }
    ONESEAL_APT_UPDATED=1
  fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=300 "${missing[@]}" >/dev/null \
    || { say "apt-get install ${missing[*]} failed"; return 1; }
  say "installed: ${missing[*]}"
}

# Runs a command as the `postgres` OS user when we are root (initdb refuses root), else as ourselves.
as_pg_user() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# pg_cluster_start DIR FIRST_PORT PASSWORD: initdb (if DIR/pgdata is missing) and start a PostgreSQL 15
# cluster listening only on 127.0.0.1, socket in DIR/sock, on the first free port from FIRST_PORT.
# Sets PG_PORT. Extra server settings can come in PG_EXTRA_OPTS.
pg_cluster_start() {
  local dir=$1 port=$2 password=$3
  [ -x "$PG_BIN/initdb" ] || { say "PostgreSQL 15 is not installed ($PG_BIN/initdb missing)"; return 1; }
  mkdir -p "$dir/sock"
  if [ "$(id -u)" -eq 0 ]; then chown -R postgres:postgres "$dir"; fi
  chmod 700 "$dir"
  if [ ! -f "$dir/pgdata/PG_VERSION" ]; then
    local pwfile="$dir/pwfile"
    printf '%s\n' "$password" >"$pwfile"
    if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$pwfile"; fi
    (cd "$dir" && as_pg_user "$PG_BIN/initdb" -D "$dir/pgdata" --username=postgres --pwfile="$pwfile" \
      --auth-local=trust --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1) \
      || { cat "$dir/initdb.log"; return 1; }
    rm -f "$pwfile"
  fi
  local tries=0
  while :; do
    while port_in_use "$port"; do port=$((port + 1)); done
    if (cd "$dir" && as_pg_user "$PG_BIN/pg_ctl" -D "$dir/pgdata" -l "$dir/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$dir/sock ${PG_EXTRA_OPTS:-}" start >/dev/null); then
      PG_PORT=$port
      return 0
    fi
    tries=$((tries + 1))
    if [ $tries -ge 5 ]; then tail -n 30 "$dir/server.log" 2>/dev/null; return 1; fi
    port=$((port + 1))
  done
}

pg_cluster_stop() {
  local dir=$1
  [ -f "$dir/pgdata/postmaster.pid" ] || return 0
  (cd "$dir" && as_pg_user "$PG_BIN/pg_ctl" -D "$dir/pgdata" -m "${2:-fast}" -w -t 30 stop >/dev/null 2>&1) || true
}

# --- issue 13 — a throwaway RabbitMQ node for the broker tests ------------------------------------------------------
RABBIT_BIN=${RABBIT_BIN:-/usr/lib/rabbitmq/bin}

free_port_from() { local p=$1; while port_in_use "$p"; do p=$((p + 1)); done; echo "$p"; }

# rabbit_start DIR FIRST_PORT: a RabbitMQ node of its own (own node name, cookie, data and log dirs in DIR, AMQP on
# 127.0.0.1 from FIRST_PORT, its own epmd on another free port, so a system RabbitMQ or epmd is never touched). No
# plugins: the node is up in seconds. Sets RABBIT_PORT and writes DIR/ctl.sh (rabbitmqctl for this node). Run as root
# it stays root (the Debian wrapper in /usr/sbin would switch users and drop this environment).
rabbit_start() {
  local dir=$1 port epmd dist
  [ -x "$RABBIT_BIN/rabbitmq-server" ] || { say "RabbitMQ is not installed ($RABBIT_BIN/rabbitmq-server missing)"; return 1; }
  port=$(free_port_from "$2"); epmd=$(free_port_from $((port + 1000))); dist=$(free_port_from $((port + 2000)))
  mkdir -p "$dir/mnesia" "$dir/log"
  echo "[]." >"$dir/enabled_plugins"
  : >"$dir/rabbitmq-env.conf"
  printf 'listeners.tcp.default = 127.0.0.1:%s\nloopback_users = none\ndisk_free_limit.absolute = 10MB\n' "$port" >"$dir/rabbitmq.conf"
  cat >"$dir/env.sh" <<ENV
export HOME='$dir' RABBITMQ_NODENAME='oneseal$$@localhost' RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT=$port
export RABBITMQ_DIST_PORT=$dist ERL_EPMD_PORT=$epmd ERL_EPMD_ADDRESS=127.0.0.1
export RABBITMQ_MNESIA_BASE='$dir/mnesia' RABBITMQ_LOG_BASE='$dir/log' RABBITMQ_PID_FILE='$dir/rabbit.pid'
export RABBITMQ_ENABLED_PLUGINS_FILE='$dir/enabled_plugins' RABBITMQ_CONF_ENV_FILE='$dir/rabbitmq-env.conf'
export RABBITMQ_CONFIG_FILE='$dir/rabbitmq.conf' RABBITMQ_ADVANCED_CONFIG_FILE='$dir/advanced.config'
ENV
  printf '#!/usr/bin/env bash\nsource %q\nexec %q -n "$RABBITMQ_NODENAME" "$@"\n' "$dir/env.sh" "$RABBIT_BIN/rabbitmqctl" >"$dir/ctl.sh"
  chmod +x "$dir/ctl.sh"
  ( source "$dir/env.sh"; cd "$dir" && nohup "$RABBIT_BIN/rabbitmq-server" </dev/null >"$dir/log/console.log" 2>&1 & echo $! >"$dir/server.pid" )
  # await_startup fails at once while the node is not yet registered with its epmd: ask again until it answers.
  local deadline=$(( $(date +%s) + 90 ))
  until bash "$dir/ctl.sh" await_startup --timeout 10 >"$dir/log/await.log" 2>&1; do
    if [ "$(date +%s)" -ge "$deadline" ] || ! kill -0 "$(cat "$dir/server.pid")" 2>/dev/null; then
      tail -n 30 "$dir/log/console.log" "$dir/log/await.log" 2>/dev/null
      return 1
    fi
    sleep 0.5
  done
  RABBIT_PORT=$port
}

# rabbit_stop DIR: stops the node and its epmd (nothing else).
rabbit_stop() {
  local dir=$1
  [ -f "$dir/ctl.sh" ] || return 0
  bash "$dir/ctl.sh" shutdown >/dev/null 2>&1 || true
  if [ -f "$dir/server.pid" ]; then kill "$(cat "$dir/server.pid")" 2>/dev/null || true; fi
  ( source "$dir/env.sh"; epmd -port "$ERL_EPMD_PORT" -kill >/dev/null 2>&1 ) || true
}
