# Tools the spine's tests use when present: zstd (zstd-compressed layers), GNU tar (real tar formats).
ci_apt_install zstd tar
