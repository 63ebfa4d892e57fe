#!/usr/bin/env bash
# Set up a sitcentre database on a fresh PostgreSQL server (docs/deployment.md, section 3). Idempotent.
#
#   setup_centre.sh --database sitcentre --owner-password-file FILE --admin-username NAME \
#                   --admin-password-file FILE [--superuser-url URL] [--host H] [--port P]
#                   [--passwords-out FILE] [--sitcentre COMMAND]
#
# Run as the postgres OS user (the default superuser address is the local socket) or give --superuser-url.
# Steps: the owner login D_owner (SCRAM verifier made here, so no plain password reaches the server's log),
# database D owned by it, `sitcentre db upgrade` as the owner, `sitcentre db secure`, the first administrator.
set -euo pipefail

DB=sitcentre SU_URL="" HOST=127.0.0.1 PORT=5432 OWNER_PW_FILE="" ADMIN="" ADMIN_PW_FILE="" PW_OUT=""
SITCENTRE="${SITCENTRE:-sitcentre}"

die() { echo "setup_centre: $*" >&2; exit 2; }
say() { echo "setup_centre: $*"; }

while [ $# -gt 0 ]; do
  case "$1" in
    --database) DB="$2"; shift 2 ;;
    --superuser-url) SU_URL="$2"; shift 2 ;;
    --host) HOST="$2"; shift 2 ;;
    --port) PORT="$2"; shift 2 ;;
    --owner-password-file) OWNER_PW_FILE="$2"; shift 2 ;;
    --admin-username) ADMIN="$2"; shift 2 ;;
    --admin-password-file) ADMIN_PW_FILE="$2"; shift 2 ;;
    --passwords-out) PW_OUT="$2"; shift 2 ;;
    --sitcentre) SITCENTRE="$2"; shift 2 ;;
    -h|--help) sed -n 2,10p "$0"; exit 0 ;;
    *) die "unknown option '$1' (see --help)" ;;
  esac
done

# ---- refuse clearly when something is missing ------------------------------------------------------------
command -v psql >/dev/null || die "psql is not installed (apt-get install postgresql-client)."
command -v python3 >/dev/null || die "python3 is not installed."
read -r -a SC <<<"$SITCENTRE"
command -v "${SC[0]}" >/dev/null || die "the '${SC[0]}' command is not installed (pip install sitcentre, or --sitcentre)."
"${SC[@]}" db secure --help >/dev/null 2>&1 \
  || die "this sitcentre has no 'db secure' command: install a version with database roles (issue 14)."
[[ "$DB" =~ ^[a-z_][a-z0-9_]*$ ]] || die "the database name '$DB' must be lower-case letters, digits and _."
[ -n "$OWNER_PW_FILE" ] && [ -r "$OWNER_PW_FILE" ] || die "--owner-password-file must name a readable file."
[ -n "$ADMIN" ] || die "--admin-username is needed (the first administrator's account)."
[ -n "$ADMIN_PW_FILE" ] && [ -r "$ADMIN_PW_FILE" ] || die "--admin-password-file must name a readable file."
OWNER_PW="$(head -n1 "$OWNER_PW_FILE")"
[ ${#OWNER_PW} -ge 12 ] || die "the owner's password (first line of $OWNER_PW_FILE) must be 12 characters or more."

SU_URL="${SU_URL:-postgresql:///postgres}"
su_psql() { PGOPTIONS="-c client_min_messages=warning" psql "$SU_URL" -X -v ON_ERROR_STOP=1 -Atq "$@"; }
[ "$(su_psql -c 'SELECT rolsuper FROM pg_roles WHERE rolname = current_user' 2>/dev/null)" = "t" ] \
  || die "cannot connect as a superuser with '$SU_URL' (run as the postgres OS user, or give --superuser-url)."
OWNER="$(python3 -c 'import sys; from sitcentre.db.roles import owner_name; print(owner_name(sys.argv[1]))' "$DB" \
  2>/dev/null || echo "${DB}_owner")"
db_url() {  # the superuser address with another database name
  python3 -c 'import sys; from sqlalchemy.engine import make_url
print(make_url(sys.argv[1]).set(database=sys.argv[2]).render_as_string(hide_password=False))' "$SU_URL" "$1"
}
SU_DB_URL="$(db_url "$DB")"
OWNER_URL="postgresql://${OWNER}@${HOST}:${PORT}/${DB}"

# ---- 1. the owner login ------------------------------------------------------------------------------------
VERIFIER="$(SU_URL="$SU_URL" OWNER="$OWNER" PW="$OWNER_PW" python3 -c '
import os, psycopg
with psycopg.connect(os.environ["SU_URL"]) as conn:
    print(conn.pgconn.encrypt_password(os.environ["PW"].encode(), os.environ["OWNER"].encode(), b"scram-sha-256").decode())')"
if [ "$(su_psql -c "SELECT 1 FROM pg_roles WHERE rolname = '$OWNER'")" = "1" ]; then
  say "the owner login $OWNER exists (its password is set again from the file)"
  su_psql -c "ALTER ROLE \"$OWNER\" LOGIN CREATEROLE PASSWORD '$VERIFIER'"
else
  su_psql -c "CREATE ROLE \"$OWNER\" LOGIN CREATEROLE PASSWORD '$VERIFIER'"
  say "made the owner login $OWNER"
fi
su_psql -c "GRANT pg_signal_backend TO \"$OWNER\"" >/dev/null

# ---- 2. the database, owned by it -------------------------------------------------------------------------
CURRENT="$(su_psql -c "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = '$DB'")"
if [ -z "$CURRENT" ]; then
  su_psql -c "CREATE DATABASE \"$DB\" OWNER \"$OWNER\" ENCODING 'UTF8' TEMPLATE template0"
  say "made the database $DB, owned by $OWNER"
elif [ "$CURRENT" != "$OWNER" ]; then
  die "the database $DB exists and belongs to $CURRENT: to move an existing database to roles use 'sitcentre db secure' (docs/deployment.md, section 2)."
else
  say "the database $DB exists and belongs to $OWNER"
fi
psql "$SU_DB_URL" -X -v ON_ERROR_STOP=1 -Atq \
  -c "REVOKE ALL ON DATABASE \"$DB\" FROM PUBLIC" -c "REVOKE CREATE ON SCHEMA public FROM PUBLIC"

# ---- 3. the schema, as the owner ----------------------------------------------------------------------------
PGPASSWORD="$OWNER_PW" "${SC[@]}" --db "$OWNER_URL" db upgrade
say "schema up to date (as $OWNER)"

# ---- 4. roles and grants -------------------------------------------------------------------------------------
SECURE=("${SC[@]}" --db "$SU_DB_URL" db secure)
[ -n "$PW_OUT" ] && SECURE+=(--passwords-out "$PW_OUT")
"${SECURE[@]}"

# ---- 5. the first administrator ---------------------------------------------------------------------------
EXISTS="$(echo "SELECT 1 FROM users WHERE lower(username) = lower(:'u')" | psql "$SU_DB_URL" -X -Atq -v u="$ADMIN")"
if [ "$EXISTS" = "1" ]; then
  say "the account $ADMIN exists: left as it is"
else
  head -n1 "$ADMIN_PW_FILE" | PGPASSWORD="$OWNER_PW" "${SC[@]}" --db "$OWNER_URL" \
    user add "$ADMIN" --role admin --password-stdin
  say "made the administrator $ADMIN (they sign in with the password from $ADMIN_PW_FILE)"
fi
say "done: workstations use postgresql://<server>:${PORT}/${DB}?sslmode=verify-full&sslrootcert=<ca file>"
