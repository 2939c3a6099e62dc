# tinq: build, test, demo, bench, install. `make` alone lists the targets.
# Every target that builds first runs scripts/install-deps.sh, which installs missing Debian
# packages (apt-get) and does nothing when all are present.
#
# Variables (override on the command line, e.g. `make install PREFIX=/opt/tinq`):
#   CI          CI=true makes Package.swift treat every warning as an error (CI sets it)
#   PREFIX      where `install` puts bin/tinq and share/tinq/python (default /usr/local)
#   DESTDIR     staging root for packaging; skips user creation and systemctl
#   UNITDIR     where the systemd units go                         (default /etc/systemd/system)
#   CONFDIR     where tinq.yaml and taxonomy.json go               (default /etc/tinq)
#   PYTHON      the Python that has Debian's python3-zmq           (default /usr/bin/python3)
#   CORPUS      JSON-lines articles for `bench`                    (default ../shared/corpus/articles-5k.jsonl)
#   SWIFT_TEST_FLAGS  extra flags for `swift test`, e.g. --filter SystemdNotifyTests

.POSIX:

PREFIX = /usr/local
BINDIR = $(PREFIX)/bin
SHAREDIR = $(PREFIX)/share/tinq
DESTDIR =
UNITDIR = /etc/systemd/system
CONFDIR = /etc/tinq
PYTHON = /usr/bin/python3
CORPUS = ../shared/corpus/articles-5k.jsonl
SWIFT_TEST_FLAGS =
UNITS = systemd/tinq-broker.service systemd/tinq-worker@.service systemd/tinq.target
CONFIGS = config/tinq.yaml config/taxonomy.json

# Passed to every tool explicitly, so `make CI=true ...` and CI=true in the environment both
# reach Package.swift, and the tests find the Python that has pyzmq.
RUN = CI='$(CI)' PYTHON='$(PYTHON)'

.PHONY: help deps build release test demo bench install uninstall clean

help:
	@echo 'tinq make targets:'
	@echo '  make deps       install missing Debian packages (libzmq3-dev, libxml2-dev, ...)'
	@echo '  make build      debug build (.build/debug/tinq)'
	@echo '  make release    optimised build (.build/release/tinq)'
	@echo '  make test       the whole suite: swift test, then scripts/fuzz.sh and tests/python if present'
	@echo '  make demo       broker + two workers on the embedded defaults, push the five seeds, print results'
	@echo '  make bench      analysis and queue benchmarks on $$CORPUS (release build)'
	@echo '  make install    tinq to $$PREFIX/bin, units to $$UNITDIR, configs to $$CONFDIR, user tinq'
	@echo '  make uninstall  remove what install put in place (keeps configs, data and the user)'
	@echo '  make clean      remove .build/'

deps:
	@scripts/install-deps.sh

build: deps
	$(RUN) swift build

release: deps
	$(RUN) swift build -c release

# Serial: on 2 cores the integration tests' broker and worker processes compete with parallel
# tests for CPU, and heartbeat and drain timings then slip. Measured here on the whole suite:
# serial 55 s and 54 s, all timing checks passing; parallel 111 s (a stalled-subscriber timing
# failure) and 50 s.
test: build
	$(RUN) swift test --no-parallel $(SWIFT_TEST_FLAGS)
	@if [ -f scripts/fuzz.sh ]; then \
		echo '== scripts/fuzz.sh'; $(RUN) bash scripts/fuzz.sh; \
	else \
		echo '== no scripts/fuzz.sh: skipping fuzzing'; \
	fi
	@if [ -f tests/python/run.sh ]; then \
		echo "== tests/python/run.sh with $(PYTHON)"; \
		TINQ_BINARY="$$(swift build --show-bin-path)/tinq"; export TINQ_BINARY; \
		$(RUN) bash tests/python/run.sh; \
	elif [ -d tests/python ]; then \
		echo "== tests/python with $(PYTHON) -m unittest"; \
		TINQ_BINARY="$$(swift build --show-bin-path)/tinq"; export TINQ_BINARY; \
		$(RUN) $(PYTHON) -m unittest discover -s tests/python -v; \
	else \
		echo '== no tests/python: skipping Python tests'; \
	fi

demo: release
	@if [ -f scripts/demo.sh ]; then \
		$(RUN) bash scripts/demo.sh; \
	else \
		echo 'make demo: scripts/demo.sh does not exist yet' >&2; exit 1; \
	fi

bench: release
	@if [ -f '$(CORPUS)' ]; then \
		.build/release/tinq bench analysis --corpus '$(CORPUS)' && \
		.build/release/tinq bench queue --corpus '$(CORPUS)'; \
	else \
		echo 'make bench: no corpus at $(CORPUS) (set CORPUS=path/to/articles.jsonl)' >&2; exit 1; \
	fi

# The units start "/usr/bin/env tinq" (so `systemd-analyze verify systemd/*` passes where tinq is
# not installed); the installed copies name $(BINDIR)/tinq.
install: release
	install -d '$(DESTDIR)$(BINDIR)' '$(DESTDIR)$(UNITDIR)' '$(DESTDIR)$(CONFDIR)' '$(DESTDIR)$(SHAREDIR)/python'
	install -m 0755 .build/release/tinq '$(DESTDIR)$(BINDIR)/tinq'
	install -m 0644 clients/python/tinq_client.py '$(DESTDIR)$(SHAREDIR)/python/tinq_client.py'
	@for unit in $(UNITS); do \
		name=$$(basename "$$unit"); \
		sed 's#^ExecStart=/usr/bin/env tinq #ExecStart=$(BINDIR)/tinq #' "$$unit" > '$(DESTDIR)$(UNITDIR)'/"$$name.tmp" && \
		chmod 0644 '$(DESTDIR)$(UNITDIR)'/"$$name.tmp" && \
		mv '$(DESTDIR)$(UNITDIR)'/"$$name.tmp" '$(DESTDIR)$(UNITDIR)'/"$$name" && \
		echo "installed $(DESTDIR)$(UNITDIR)/$$name" || exit 1; \
	done
	@for config in $(CONFIGS); do \
		target='$(DESTDIR)$(CONFDIR)'/$$(basename "$$config"); \
		if [ ! -f "$$config" ]; then echo "no $$config in the repository: skipped"; \
		elif [ -e "$$target" ]; then echo "kept existing $$target (new version: $$config)"; \
		else install -m 0644 "$$config" "$$target" && echo "installed $$target"; fi; \
	done
	@if [ -n '$(DESTDIR)' ]; then \
		echo 'DESTDIR set: not creating user tinq, not reloading systemd'; \
	else \
		if getent passwd tinq >/dev/null; then echo 'user tinq exists'; \
		else useradd --system --user-group --home-dir /var/lib/tinq --no-create-home \
			--shell /usr/sbin/nologin --comment 'tinq news-ingest queue' tinq && \
			echo 'created system user tinq'; fi; \
		if [ -d /run/systemd/system ]; then systemctl daemon-reload && echo 'systemd reloaded'; \
		else echo 'systemd is not running as init: skipped systemctl daemon-reload'; fi; \
		echo 'start with: systemctl enable --now tinq.target'; \
	fi

uninstall:
	@if [ -z '$(DESTDIR)' ] && [ -d /run/systemd/system ]; then \
		systemctl stop tinq.target tinq-broker.service 'tinq-worker@*.service' || true; \
		systemctl disable tinq.target tinq-broker.service tinq-worker@.service || true; \
	fi
	rm -f '$(DESTDIR)$(BINDIR)/tinq'
	rm -rf '$(DESTDIR)$(SHAREDIR)'
	@for unit in $(UNITS); do rm -f '$(DESTDIR)$(UNITDIR)'/"$$(basename "$$unit")"; done
	@if [ -z '$(DESTDIR)' ] && [ -d /run/systemd/system ]; then systemctl daemon-reload; fi
	@echo 'kept $(CONFDIR), /var/lib/tinq and user tinq; remove them by hand if wanted'

clean:
	rm -rf .build
