#!/usr/bin/env bash
# Usage: make-fixtures.sh [OUTDIR] (default: this directory).
# Regenerates the rpmdb fixtures from fixtures.spec with Debian's rpm (4.18) and libdb's db_load:
#   rpmdb.sqlite  rpm --initdb + rpm -i --justdb --nodeps (rpm's own sqlite backend)
#   Packages      the same header blobs loaded into a Berkeley DB hash by db5.3's db_load
#                 (Debian's rpm can only read bdb: %_db_backend bdb_ro), keyed like rpm (native uint32)
#   Packages.db   the same blobs written in NDB layout by make-ndb.mjs (Debian's rpm is built without ndb)
#   expected.txt  `rpm -qa` over the sqlite db: what the parser must report
# Needs: rpm, rpmbuild (package rpm), db5.3-util or db-util, sqlite3, node.
set -euo pipefail
src=$(cd "$(dirname "$0")" && pwd)
here=${1:-$src}
mkdir -p "$here"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rpmbuild --quiet --define "_topdir $work/top" --define "modularitylabel palisade:1.2:8040020200923213406:9f9e2e7e" \
  --define '_buildhost fixtures.palisade' --define 'use_source_date_epoch_as_buildtime 1' \
  --define 'clamp_mtime_to_source_date_epoch 1' --target x86_64 -bb "$src/fixtures.spec" >/dev/null 2>&1
db="$work/db"
mkdir -p "$db"
rpm --define '_db_backend sqlite' --initdb --dbpath "$db"
rpm --define '_db_backend sqlite' --dbpath "$db" -i --justdb --nodeps --noscripts --ignorearch --ignoreos \
  "$work"/top/RPMS/*/*.rpm
# checkpoint the WAL into the main file, as rpm does on close in an image build
sqlite3 "$db/rpmdb.sqlite" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
cp "$db/rpmdb.sqlite" "$here/rpmdb.sqlite"
# header blobs, in hnum order, as hex
sqlite3 "$db/rpmdb.sqlite" 'SELECT hnum, hex(blob) FROM Packages ORDER BY hnum' > "$work/blobs.txt"
{
  printf 'VERSION=3\nformat=bytevalue\ntype=hash\ndb_pagesize=4096\nHEADER=END\n'
  # key 0: rpm's next-instance counter
  printf ' 00000000\n %08x\n' "$(($(wc -l < "$work/blobs.txt") + 1))" | sed -E 's/ ([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/ \4\3\2\1/'
  while IFS='|' read -r hnum hex; do
    printf ' %s\n %s\n' "$(printf '%08x' "$hnum" | sed -E 's/(..)(..)(..)(..)/\4\3\2\1/')" "${hex,,}"
  done < "$work/blobs.txt"
  printf 'DATA=END\n'
} > "$work/dump.txt"
rm -f "$here/Packages"
db_load -f "$work/dump.txt" "$here/Packages"
node "$src/make-ndb.mjs" "$work/blobs.txt" "$here/Packages.db"
rpm --define '_db_backend sqlite' --dbpath "$db" -qa \
  --qf '%{name}|%{epochnum}|%{version}|%{release}|%{arch}|%{sourcerpm}|%{license}|%{vendor}|%{modularitylabel}|%{FILENAMES:arraysize}\n' \
  | sort > "$here/expected.txt"
# the bdb file must read back through rpm itself (Debian's rpm reads bdb read-only)
diff <(rpm --define '_db_backend bdb_ro' --dbpath "$here" -qa --qf '%{name}\n' 2>/dev/null | sort) \
  <(cut -d'|' -f1 "$here/expected.txt" | sort)
echo "wrote rpmdb.sqlite Packages Packages.db expected.txt in $here"
