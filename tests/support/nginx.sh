#!/usr/bin/env bash
# A private nginx for the HTTP and sync tests: its own configuration, logs, temp folders and
# document roots under DIR, listening on 127.0.0.1 on a free port, so tests never touch the
# machine's own web server (no /etc/nginx configuration is read).
#
#   nginx.sh start DIR    start it (or reuse the one already running from DIR)
#   nginx.sh stop DIR     stop it and wait until it is gone
#   nginx.sh status DIR   exit 0 when it answers
#
# After start: DIR/address holds "127.0.0.1:PORT", DIR/nginx.pid the master's pid,
# DIR/log/error.log and DIR/log/access.log its logs. What it serves (the central server's
# roles, as the terminal sees them):
#
#   /              DIR/www as static files (ETag, Last-Modified, byte ranges, If-Range)
#   /slow/         DIR/www again, at 64 KiB/s (limit_rate), so a test can interrupt a download
#   /chunked/      DIR/www again, without Content-Length, ETag or ranges (a no-op sub_filter
#                  streams the body chunked): for limits that must hold without a length
#   /intake/       DIR/intake: WebDAV PUT (first PUT 201, repeats 204, missing folders
#                  created, bodies over 2 MiB refused with 413); GET of what was put
#   /status/NNN    a fixed answer NNN for any method (200, 403, 404, 429, 500, 503)
#   /redirect/www/NAME  302 to /NAME;  /redirect/loop  302 to itself
#
# Note for tests: nginx's ETag is "<mtime>-<size>" in hex, so a file replaced within the same
# second by one of the same length keeps its ETag; set a different mtime when that matters.
#
# Run as root (as CI does), nginx keeps a root master and runs its worker as www-data, which
# owns DIR/intake (otherwise PUT fails with "mkdir() failed"). Run as another user, the
# `user` line is left out and everything runs as that user.
set -euo pipefail

usage() {
  echo "usage: $0 start|stop|status DIR" >&2
  exit 2
}

[ $# -eq 2 ] || usage
cmd="$1"
dir="$2"
case "$dir" in
  /*) ;;
  *) dir="$(pwd)/$dir" ;;
esac

# Sections: helpers · status · stop · start

# --- helpers -------------------------------------------------------------------------

# True while process PID runs. An exited master whose starter is gone stays a zombie until
# init reaps it (over a second here): that counts as gone.
running() {
  local pid="$1" state
  kill -0 "$pid" 2>/dev/null || return 1
  state="$(sed -n 's/^State:[[:space:]]*\([A-Z]\).*/\1/p' "/proc/$pid/status" 2>/dev/null || true)"
  [ "$state" != Z ]
}

pid_alive() {
  local pid
  [ -f "$dir/nginx.pid" ] || return 1
  pid="$(cat "$dir/nginx.pid" 2>/dev/null || true)"
  [ -n "$pid" ] && running "$pid"
}

# GET /zwgk-fixture over a bash /dev/tcp socket (no curl program needed): the answer names
# DIR, so a different server that took the port does not count.
answers() {
  local address="$1"
  local host="${address%:*}" port="${address##*:}"
  timeout 2 bash -c '
    exec 3<>"/dev/tcp/$1/$2" || exit 1
    printf "GET /zwgk-fixture HTTP/1.0\r\nHost: %s\r\n\r\n" "$1" >&3
    cat <&3
  ' _ "$host" "$port" 2>/dev/null | grep -qF "zwgk-nginx $dir"
}

# A port nobody listens on; nginx may still lose a race for it, which start() retries.
free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 40000))
    if ! ss -Hltn "sport = :$port" 2>/dev/null | grep -q .; then
      echo "$port"
      return 0
    fi
  done
  echo "nginx.sh: no free port found" >&2
  return 1
}

# --- status --------------------------------------------------------------------------

do_status() {
  pid_alive && [ -f "$dir/address" ] && answers "$(cat "$dir/address")"
}

# --- stop ----------------------------------------------------------------------------

do_stop() {
  if ! [ -f "$dir/nginx.pid" ]; then
    rm -f "$dir/address"
    echo "nginx.sh: nothing to stop in $dir"
    return 0
  fi
  local pid
  pid="$(cat "$dir/nginx.pid")"
  if [ -n "$pid" ] && running "$pid"; then
    # SIGTERM: fast shutdown; the master stops its worker and exits after it.
    kill -TERM "$pid"
    for _ in $(seq 1 200); do
      running "$pid" || break
      sleep 0.05
    done
    if running "$pid"; then
      echo "nginx.sh: nginx $pid ignored SIGTERM, killing it and its worker" >&2
      pkill -KILL -P "$pid" 2>/dev/null || true
      kill -KILL "$pid" 2>/dev/null || true
      sleep 0.2
    fi
  fi
  rm -f "$dir/nginx.pid" "$dir/address"
  echo "nginx.sh: stopped nginx $pid ($dir)"
}

# --- start ---------------------------------------------------------------------------

write_config() {
  local port="$1"
  local user_line=""
  if [ "$(id -u)" -eq 0 ]; then
    user_line="user www-data;"
  fi

  cat >"$dir/nginx.conf" <<EOF
# Written by tests/support/nginx.sh: a private nginx for tests, loopback only.
$user_line
daemon off;
master_process on;
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/log/error.log warn;

events {
  worker_connections 128;
}

http {
  # No /etc/nginx/mime.types: everything is a byte stream except these few.
  types {
    text/plain txt;
    application/json json;
  }
  default_type application/octet-stream;
  charset off;
  access_log $dir/log/access.log;
  client_body_temp_path $dir/tmp/body;
  proxy_temp_path $dir/tmp/proxy;
  fastcgi_temp_path $dir/tmp/fastcgi;
  uwsgi_temp_path $dir/tmp/uwsgi;
  scgi_temp_path $dir/tmp/scgi;
  sendfile on;
  keepalive_timeout 10;
  server_tokens off;
  absolute_redirect off;

  server {
    listen 127.0.0.1:$port;
    server_name localhost;
    root $dir/www;
    etag on;

    location = /zwgk-fixture {
      default_type text/plain;
      return 200 "zwgk-nginx $dir\n";
    }

    location / {
    }

    location /slow/ {
      alias $dir/www/;
      limit_rate 64k;
    }

    location /chunked/ {
      alias $dir/www/;
      sub_filter_types *;
      sub_filter_once off;
      sub_filter "zwgk-never-present-c0ffee" "";
    }

    location /intake/ {
      alias $dir/intake/;
      dav_methods PUT;
      create_full_put_path on;
      dav_access user:rw group:r;
      client_max_body_size 2m;
    }

    location = /status/200 { return 200 "ok\n"; }
    location = /status/403 { return 403; }
    location = /status/404 { return 404; }
    location = /status/429 { return 429; }
    location = /status/500 { return 500; }
    location = /status/503 { return 503; }
    location /redirect/www/ {
      rewrite ^/redirect/www/(.*)\$ /\$1 redirect;
    }
    location = /redirect/loop { return 302 /redirect/loop; }
  }
}
EOF
}

do_start() {
  for tool in nginx ss timeout; do
    command -v "$tool" >/dev/null || { echo "nginx.sh: $tool not found (nginx, iproute2, coreutils)" >&2; exit 1; }
  done

  if do_status; then
    echo "nginx.sh: reusing nginx $(cat "$dir/nginx.pid") at $(cat "$dir/address")"
    return 0
  fi
  if pid_alive; then
    # Running but not answering: stop it and start afresh.
    do_stop
  fi

  # A fresh start forgets the uploads and logs of earlier runs; www keeps what tests wrote
  # (they write their own files by unique names).
  rm -rf "$dir/intake" "$dir/log" "$dir/tmp"
  rm -f "$dir/address" "$dir/nginx.pid" "$dir/nginx.conf"
  mkdir -p "$dir/www" "$dir/log" "$dir/tmp"
  # The worker (www-data when root) must reach DIR and read www.
  chmod 0755 "$dir" "$dir/www"
  if [ "$(id -u)" -eq 0 ]; then
    install -d -m 0755 -o www-data -g www-data "$dir/intake"
  else
    install -d -m 0755 "$dir/intake"
  fi

  local attempt port pid
  for attempt in 1 2 3; do
    port="$(free_port)"
    write_config "$port"
    if ! nginx -t -p "$dir" -c "$dir/nginx.conf" -e "$dir/log/error.log" >"$dir/log/nginx-t.out" 2>&1; then
      echo "nginx.sh: nginx -t rejected the configuration:" >&2
      cat "$dir/log/nginx-t.out" >&2
      exit 1
    fi
    # setsid + redirections: the daemon must not hold the caller's pipes (ctest waits on them).
    setsid nginx -p "$dir" -c "$dir/nginx.conf" -e "$dir/log/error.log" \
      </dev/null >>"$dir/log/nginx.out" 2>&1 &
    pid=$!
    echo "$pid" >"$dir/nginx.pid"
    for _ in $(seq 1 100); do
      if answers "127.0.0.1:$port"; then
        echo "127.0.0.1:$port" >"$dir/address"
        echo "nginx.sh: nginx $pid listening on 127.0.0.1:$port ($dir)"
        return 0
      fi
      running "$pid" || break
      sleep 0.05
    done
    echo "nginx.sh: nginx did not answer on port $port (attempt $attempt)" >&2
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    rm -f "$dir/nginx.pid"
  done
  echo "nginx.sh: could not start nginx; see $dir/log/error.log and $dir/log/nginx.out" >&2
  tail -n 20 "$dir/log/error.log" "$dir/log/nginx.out" >&2 2>/dev/null || true
  exit 1
}

mkdir -p "$dir"
case "$cmd" in
  start) do_start ;;
  stop) do_stop ;;
  status) do_status ;;
  *) usage ;;
esac
