# Language/rpm catalogers: rpm + rpmbuild and libdb's db_load rebuild the rpmdb fixtures
# (src/catalog/pkg/testdata/rpm/make-fixtures.sh); golang-go gives `go version -m` as ground truth for
# Go build info.
ci_apt_install rpm db-util golang-go sqlite3
