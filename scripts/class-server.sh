#!/usr/bin/env bash
# A class server on this computer, for trying classes out: PouchDB Server (CouchDB's HTTP
# API on PouchDB, installed by scripts/setup.sh) on 127.0.0.1, its data kept in
# target/class-server/ between runs. On the first start it makes the server admin
# (the teacher of `newsmark class create`). Stop it with Ctrl-C.
#
#   bash scripts/class-server.sh                 port 5984, admin "teacher"
#   NEWSMARK_CLASS_PORT=5985 NEWSMARK_CLASS_ADMIN=ms-lee bash scripts/class-server.sh
#
# The admin's password is NEWSMARK_PASSWORD if set, or asked for on the first start.
# Not for real students: PouchDB Server does not guard _find and _bulk_get with a
# database's _security, so anyone who reaches it can read any class work (README, "Class
# server"). It listens on 127.0.0.1 only; a school runs CouchDB 3.
set -euo pipefail
cd "$(dirname "$0")/.."

port="${NEWSMARK_CLASS_PORT:-5984}"
admin="${NEWSMARK_CLASS_ADMIN:-teacher}"
dir="$PWD/target/class-server"
bin="$PWD/node_modules/.bin/pouchdb-server"
url="http://127.0.0.1:$port"

if [ ! -x "$bin" ]; then
  echo "pouchdb-server is not installed: run bash scripts/setup.sh first" >&2
  exit 1
fi
mkdir -p "$dir"

# The admin is made once: PouchDB Server keeps its configuration in $dir/config.json.
first_start=0
if ! grep -q '"admins"' "$dir/config.json" 2>/dev/null; then
  first_start=1
  password="${NEWSMARK_PASSWORD:-}"
  while [ -z "$password" ]; do
    read -r -s -p "A password for the server admin \"$admin\": " password
    echo >&2
  done
fi

# Started from inside $dir, where PouchDB Server writes its log and configuration.
(cd "$dir" && exec "$bin" --host 127.0.0.1 --port "$port" --dir "$dir" --no-stdout-logs) &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null' EXIT INT TERM

until curl -fs "$url/" >/dev/null; do
  if ! kill -0 "$server" 2>/dev/null; then
    echo "the class server did not start (is port $port taken? see $dir/log.txt)" >&2
    exit 1
  fi
  sleep 0.2
done

if [ "$first_start" = 1 ]; then
  body=$(node -e 'process.stdout.write(JSON.stringify(process.argv[1]))' "$password")
  curl -fs -X PUT -H 'content-type: application/json' --data "$body" "$url/_config/admins/$admin" >/dev/null
  echo "made the server admin \"$admin\""
fi

echo "class server on $url (data in target/class-server/; Ctrl-C stops it)"
echo "make a class:  NEWSMARK_PASSWORD=… target/debug/newsmark class create $url --user $admin --name \"My class\" --roster roster.csv --exercise exercise.json -o JOIN.csv"
wait "$server"
