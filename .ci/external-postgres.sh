# Sourced by .ci/run (and usable by hand): starts a throw-away PostgreSQL cluster from the distribution's packages
# on 127.0.0.1:55432 and exports BASIS_IT_EXTERNAL_DB_URL for the external-database integration test.
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
ext_dir=${BASIS_IT_EXTERNAL_DIR:-/tmp/basis-external-pg}
ext_port=${BASIS_IT_EXTERNAL_PORT:-55432}
if ! "$pg_bin/pg_isready" -q -h 127.0.0.1 -p "$ext_port" 2>/dev/null; then
  rm -rf "$ext_dir"; mkdir -p "$ext_dir"
  id -u postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  chown postgres "$ext_dir"
  su postgres -s /bin/sh -c "'$pg_bin/initdb' -D '$ext_dir/data' -U postgres --auth=trust -E UTF8 >/dev/null"
  su postgres -s /bin/sh -c "'$pg_bin/pg_ctl' -D '$ext_dir/data' -l '$ext_dir/log' -o '-p $ext_port -k $ext_dir -c listen_addresses=127.0.0.1' -w start >/dev/null"
fi
"$pg_bin/psql" -h 127.0.0.1 -p "$ext_port" -U postgres -tAc "SELECT 1 FROM pg_roles WHERE rolname='basis'" | grep -q 1 \
  || "$pg_bin/psql" -q -h 127.0.0.1 -p "$ext_port" -U postgres -c "CREATE ROLE basis LOGIN PASSWORD 'basis'"
"$pg_bin/psql" -h 127.0.0.1 -p "$ext_port" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='basis_it'" | grep -q 1 \
  || "$pg_bin/psql" -q -h 127.0.0.1 -p "$ext_port" -U postgres -c "CREATE DATABASE basis_it OWNER basis"
export BASIS_IT_EXTERNAL_DB_URL="jdbc:postgresql://127.0.0.1:$ext_port/basis_it"
export BASIS_IT_EXTERNAL_DB_USER=basis
export BASIS_IT_EXTERNAL_DB_PASSWORD=basis
