FROM registry.access.redhat.com/ubi9/ubi:9.5@sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb
RUN dnf install -y httpd && dnf clean all
RUN yum -y install mod_ssl && rm -rf /var/cache/yum
USER 10001
HEALTHCHECK CMD ["/bin/true"]
CMD ["bash"]
