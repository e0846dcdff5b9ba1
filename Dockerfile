# Aurum in a container: built with the Swift image, run on slim Debian with only the C libraries the binary links.
#   docker build -t aurum .
#   docker run --rm -v "$PWD/pages:/pages:ro" -v aurum-data:/data aurum ingest /pages
#   docker run --rm -v aurum-data:/data aurum report --weeks 4
# The store is the volume /data (AURUM_STORE). Thin on purpose: the build is `make install`, the same target
# Tests/integration/test_install.py exercises, so what the tests check is what the image holds.
ARG SWIFT_VERSION=6.3
ARG DEBIAN_RELEASE=bookworm

FROM swift:${SWIFT_VERSION}-${DEBIAN_RELEASE} AS build
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        make git pkg-config libzstd-dev libedit-dev libcurl4-openssl-dev libssl-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# The whole checkout, .git included: `aurum --version` comes from `git describe` (see .dockerignore).
COPY . .
RUN make install PREFIX=/opt/aurum

FROM debian:${DEBIAN_RELEASE}-slim
# The shared libraries `aurum` links beside glibc (libzstd, libedit) and loads at first use (libcrypto from
# libssl3 for SHA-256 and RS256, libcurl for HTTP), and CA certificates for a model endpoint over HTTPS. Tests/integration/test_install.py checks this list
# against the binary.
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        libzstd1 libedit2 libcurl4 libssl3 ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /opt/aurum/ /usr/local/
RUN useradd --system --uid 10001 --create-home --home-dir /home/aurum aurum \
    && mkdir /data && chown aurum:aurum /data
USER aurum
ENV AURUM_STORE=/data
VOLUME ["/data"]
WORKDIR /home/aurum
ENTRYPOINT ["aurum"]
CMD ["--help"]
