#!/usr/bin/env bash
# A private cupsd for the print tests: its own configuration, spool, logs and queues under
# DIR, listening on 127.0.0.1 on a free port (and on DIR/cups.sock when the path is short
# enough), so tests never touch the machine's own CUPS.
#
#   cupsd.sh start DIR    start it (or reuse the one already running from DIR)
#   cupsd.sh stop DIR     stop it and wait until it is gone
#   cupsd.sh status DIR   exit 0 when it answers
#
# After start: DIR/server holds "127.0.0.1:PORT" (what clients pass as the server),
# DIR/cupsd.pid the daemon's pid, DIR/spool is the RequestRoot (d<job>-NNN documents,
# c<job> control files), DIR/out a folder the lp user may write file: queue output into,
# DIR/log/error_log the daemon's log.
#
# ServerBin is DIR/serverbin, the system's /usr/lib/cups with two extra backends: zwgk-file
# (device URI zwgk-file:/path.pdf) writes each job to that file, as the file: device did
# before Debian's deb12u10 security update; and, for fault injection, zwgk-fail
# (zwgk-fail:/), which fails every job, so a queue using it with
# printer-error-policy=abort-job aborts its jobs.
#
# cupsd must start as root (it drops to User lp for filters): the script refuses otherwise.
# PreserveJobFiles stays at its default (86400 s): the code under test must purge its own
# jobs, and the tests check that it does.
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

pid_alive() {
  local pid
  [ -f "$dir/cupsd.pid" ] || return 1
  pid="$(cat "$dir/cupsd.pid" 2>/dev/null || true)"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null
}

answers() {
  # lpstat -r prints "scheduler is running" when the server answers IPP.
  local server="$1"
  lpstat -h "$server" -r 2>/dev/null | grep -q "is running"
}

# A port nobody listens on; cupsd may still lose a race for it, which start() retries.
free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 40000))
    if ! ss -Hltn "sport = :$port" 2>/dev/null | grep -q .; then
      echo "$port"
      return 0
    fi
  done
  echo "cupsd.sh: no free port found" >&2
  return 1
}

# --- status --------------------------------------------------------------------------

do_status() {
  pid_alive && [ -f "$dir/server" ] && answers "$(cat "$dir/server")"
}

# --- stop ----------------------------------------------------------------------------

do_stop() {
  if ! [ -f "$dir/cupsd.pid" ]; then
    echo "cupsd.sh: nothing to stop in $dir"
    return 0
  fi
  local pid
  pid="$(cat "$dir/cupsd.pid")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    # cupsd writes its state files on SIGTERM; give it up to 10 s before SIGKILL.
    for _ in $(seq 1 100); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
      echo "cupsd.sh: cupsd $pid ignored SIGTERM, killing it" >&2
      kill -KILL "$pid" 2>/dev/null || true
      sleep 0.2
    fi
  fi
  rm -f "$dir/cupsd.pid" "$dir/server"
  echo "cupsd.sh: stopped cupsd $pid ($dir)"
}

# --- start ---------------------------------------------------------------------------

# DIR/serverbin: the system's filters, drivers and backends (symlinks) plus zwgk-fail.
# cupsd runs only root-owned programs that nobody else may write, hence chmod 0755.
write_serverbin() {
  local system=/usr/lib/cups sub backend
  mkdir -p "$dir/serverbin/backend"
  chmod 0755 "$dir/serverbin" "$dir/serverbin/backend"
  for sub in "$system"/*; do
    [ "$(basename "$sub")" = backend ] && continue
    ln -sfn "$sub" "$dir/serverbin/$(basename "$sub")"
  done
  for backend in "$system"/backend/*; do
    ln -sfn "$backend" "$dir/serverbin/backend/$(basename "$backend")"
  done
  cat >"$dir/serverbin/backend/zwgk-fail" <<'BACKEND'
#!/bin/sh
# Test backend (tests/support/cupsd.sh): fails every job with CUPS_BACKEND_FAILED (1), so a
# queue with printer-error-policy=abort-job aborts it. Discovery (no arguments) lists nothing.
[ $# -eq 0 ] && exit 0
echo "ERROR: zwgk-fail test backend refuses every job" >&2
exit 1
BACKEND
  chown root:root "$dir/serverbin/backend/zwgk-fail"
  chmod 0755 "$dir/serverbin/backend/zwgk-fail"
  cat >"$dir/serverbin/backend/zwgk-file" <<'BACKEND'
#!/bin/sh
# Test backend (tests/support/cupsd.sh): writes each job's document to the file named by its
# device URI (zwgk-file:/absolute/path.pdf), replacing the previous job's, via a rename so a
# reader never sees half a file. CUPS's own file: device stopped doing this in Debian's
# cupsd 2.4.2-3+deb12u10: the scheduler now opens the path O_WRONLY|O_EXCL without O_CREAT
# or O_TRUNC, so it neither creates the file nor cuts a longer previous job short.
[ $# -eq 0 ] && exit 0
path="${DEVICE_URI#zwgk-file:}"
case "$path" in /*) ;; *) echo "ERROR: zwgk-file needs an absolute path" >&2; exit 1 ;; esac
if [ $# -ge 6 ]; then cat "$6" >"$path.part" || exit 1; else cat >"$path.part" || exit 1; fi
mv -f "$path.part" "$path" || exit 1
exit 0
BACKEND
  chown root:root "$dir/serverbin/backend/zwgk-file"
  chmod 0755 "$dir/serverbin/backend/zwgk-file"
}

write_config() {
  local port="$1"
  local socket_line=""
  # sun_path holds 108 bytes; leave room for the terminating NUL and some slack.
  if [ ${#dir} -le 90 ]; then
    socket_line="Listen $dir/cups.sock"
  fi

  cat >"$dir/etc/cups-files.conf" <<EOF
# Written by tests/support/cupsd.sh: a private cupsd for tests.
ServerBin $dir/serverbin
ServerRoot $dir/etc
RequestRoot $dir/spool
TempDir $dir/spool/tmp
CacheDir $dir/cache
StateDir $dir/run
AccessLog $dir/log/access_log
ErrorLog $dir/log/error_log
PageLog $dir/log/page_log
FileDevice Yes
User lp
Group lp
SystemGroup root
EOF

  cat >"$dir/etc/cupsd.conf" <<EOF
# Written by tests/support/cupsd.sh: loopback only, no browsing, no web interface, and an
# open policy (every operation allowed from this machine without authentication) so that
# lpadmin, cupsdisable and cupsreject work for the tests.
LogLevel warn
Listen 127.0.0.1:$port
$socket_line
Browsing No
BrowseLocalProtocols none
WebInterface No
DefaultAuthType None
DefaultEncryption Never
<Location />
  Order allow,deny
  Allow from 127.0.0.1
  Allow from localhost
</Location>
<Policy default>
  JobPrivateAccess all
  JobPrivateValues none
  SubscriptionPrivateAccess all
  SubscriptionPrivateValues none
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
EOF
}

do_start() {
  for tool in cupsd lpstat lpadmin ss; do
    command -v "$tool" >/dev/null || { echo "cupsd.sh: $tool not found (cups-daemon, cups-client, iproute2)" >&2; exit 1; }
  done

  if do_status; then
    echo "cupsd.sh: reusing cupsd $(cat "$dir/cupsd.pid") at $(cat "$dir/server")"
    return 0
  fi
  if pid_alive; then
    # Running but not answering: stop it and start afresh.
    do_stop
  fi

  # A fresh start forgets the queues, jobs and logs of earlier runs.
  rm -rf "$dir/etc" "$dir/spool" "$dir/cache" "$dir/run" "$dir/log" "$dir/out" "$dir/serverbin"
  rm -f "$dir/server" "$dir/cupsd.pid" "$dir/cups.sock"
  mkdir -p "$dir/etc/ppd" "$dir/cache" "$dir/run" "$dir/log"
  # lp runs the filters and writes file: queue output; it must be able to reach DIR.
  chmod 0755 "$dir"
  install -d -m 0710 -g lp "$dir/spool"
  install -d -m 1770 -g lp "$dir/spool/tmp"
  install -d -m 0775 -o lp -g lp "$dir/out"
  write_serverbin

  local attempt port pid
  for attempt in 1 2 3; do
    port="$(free_port)"
    write_config "$port"
    if ! cupsd -t -c "$dir/etc/cupsd.conf" -s "$dir/etc/cups-files.conf" >"$dir/log/cupsd-t.out" 2>&1; then
      echo "cupsd.sh: cupsd -t rejected the configuration:" >&2
      cat "$dir/log/cupsd-t.out" >&2
      exit 1
    fi
    # setsid + redirections: the daemon must not hold the caller's pipes (ctest waits on them).
    setsid cupsd -f -c "$dir/etc/cupsd.conf" -s "$dir/etc/cups-files.conf" \
      </dev/null >>"$dir/log/cupsd.out" 2>&1 &
    pid=$!
    echo "$pid" >"$dir/cupsd.pid"
    for _ in $(seq 1 100); do
      if answers "127.0.0.1:$port"; then
        echo "127.0.0.1:$port" >"$dir/server"
        echo "cupsd.sh: cupsd $pid listening on 127.0.0.1:$port ($dir)"
        return 0
      fi
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.05
    done
    echo "cupsd.sh: cupsd did not answer on port $port (attempt $attempt)" >&2
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    rm -f "$dir/cupsd.pid"
  done
  echo "cupsd.sh: could not start cupsd; see $dir/log/error_log and $dir/log/cupsd.out" >&2
  tail -n 20 "$dir/log/error_log" "$dir/log/cupsd.out" >&2 2>/dev/null || true
  exit 1
}

if [ "$cmd" != status ] && [ "$(id -u)" -ne 0 ]; then
  echo "cupsd.sh: must run as root (cupsd starts as root, drops to the lp user for filters and" >&2
  echo "backends, and the spool belongs to root:lp); run the print tests as root, as CI does" >&2
  exit 1
fi
mkdir -p "$dir"
case "$cmd" in
  start) do_start ;;
  stop) do_stop ;;
  status) do_status ;;
  *) usage ;;
esac
