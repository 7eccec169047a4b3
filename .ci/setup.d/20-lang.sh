# Language/rpm catalogers: rpm + rpmbuild and libdb's db_load rebuild the rpmdb fixtures
# (src/catalog/pkg/testdata/rpm/make-fixtures.sh); golang-go gives `go version -m` as ground truth for
# Go build info. The catalog ground-truth test (test/e2e/catalog-truth.test.ts) computes the truth with
# python3 (importlib.metadata), unzip (pom.properties in jars), dpkg-query and `go version -m`.
ci_apt_install rpm db-util golang-go sqlite3 python3 unzip
