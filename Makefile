# KVM Manager. `make run` and `make check` do all their set-up themselves (see README.md).
PREFIX ?= /usr/local
DESTDIR ?=
PLUGIN_DIR = $(DESTDIR)$(PREFIX)/share/cockpit/kvm-manager
BIN_DIR = $(DESTDIR)$(PREFIX)/bin
MAN1_DIR = $(DESTDIR)$(PREFIX)/share/man/man1
NODE_MODULES_STAMP = node_modules/.package-lock.json
SOURCES = $(shell find src agent/src -type f 2>/dev/null) build.js manifest.json package.json $(wildcard po/*.po)

export PUPPETEER_SKIP_DOWNLOAD = 1

.PHONY: all run check lint typecheck unit-test browser-test watch install devel-install clean pot host-deps test-deps bench package-test

AGENT_TARS = dist/agent/kvmm-agent-x86_64.tar.gz dist/agent/kvmm-agent-aarch64.tar.gz
all: dist/manifest.json $(AGENT_TARS)

$(NODE_MODULES_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

# build.js also makes build/kvmm/: the kvmm command and its man page.
dist/manifest.json: $(NODE_MODULES_STAMP) $(SOURCES)
	node build.js

# The agent as the Guest tab offers it for download, for guests without a package of it.
dist/agent/kvmm-agent-%.tar.gz: dist/manifest.json agent/dist/kvmm-agent-% pkg/agent/build-tar.sh pkg/agent/install.sh \
		pkg/agent/kvmm-agent.service pkg/agent/99-kvmm-agent.rules agent/README.md
	sh pkg/agent/build-tar.sh $* $@

watch: $(NODE_MODULES_STAMP)
	NODE_ENV=development node build.js --watch

host-deps:
	bash pkg/host/install-deps.sh

test-deps:
	bash pkg/host/install-deps.sh --test

install: all
	mkdir -p $(PLUGIN_DIR)
	rm -rf $(PLUGIN_DIR)/*
	cp -r dist/. $(PLUGIN_DIR)/
	install -D -m 0755 build/kvmm/kvmm $(BIN_DIR)/kvmm
	install -D -m 0644 build/kvmm/kvmm.1 $(MAN1_DIR)/kvmm.1
	install -D -m 0755 pkg/host/kvm-manager-port-forwards $(DESTDIR)/etc/libvirt/hooks/network.d/kvm-manager-port-forwards

devel-install: all
	mkdir -p ~/.local/share/cockpit
	ln -snf $(CURDIR)/dist ~/.local/share/cockpit/kvm-manager

run: host-deps
	$(MAKE) all
	$(MAKE) install PREFIX=/usr/local
	bash pkg/host/start-services.sh
	bash pkg/host/libvirt-defaults.sh
	@bash pkg/host/print-welcome.sh

lint: $(NODE_MODULES_STAMP)
	npx eslint --max-warnings 0 .
	node po/extract.js --check

typecheck: $(NODE_MODULES_STAMP)
	npx tsc -b

build/test/.stamp: $(NODE_MODULES_STAMP) $(SOURCES) $(shell find test -name '*.ts' 2>/dev/null)
	node build.js --tests
	@touch $@

unit-test: build/test/.stamp
	node test/run-tests.js unit

browser-test: all build/test/.stamp
	bash test/stack/up.sh
	node test/run-tests.js browser

package-test: all
	bash test/pkg/check-packages.sh

check: test-deps
	$(MAKE) lint typecheck all build/test/.stamp package-test
	bash test/stack/up.sh
	node test/run-tests.js unit browser

bench: all
	bash test/stack/up.sh
	node test/bench/list-load.js 1000
	node test/bench/list-load.js 10000
	node test/bench/deploy.js 10
	node test/bench/migrate.js 512
	node test/bench/export-import.js 2
	node test/bench/volumes.js 1000

pot: $(NODE_MODULES_STAMP)
	node po/extract.js

clean:
	rm -rf dist build test/artifacts

agent/dist/kvmm-agent.js: $(NODE_MODULES_STAMP) $(wildcard agent/src/*.ts agent/src/*/*.ts)
	node agent/build.js

# The agent as one executable per architecture (Node SEA, no Node.js needed in the guest).
AGENT_BINS = agent/dist/kvmm-agent-x86_64 agent/dist/kvmm-agent-aarch64
$(AGENT_BINS) &: agent/dist/kvmm-agent.js agent/build-sea.js
	node agent/build-sea.js

agent-bin: $(AGENT_BINS)

# Where rpm is not the system's package manager its database is empty: skip BuildRequires there.
RPMBUILD = rpmbuild -bb $$(rpm -q rpm >/dev/null 2>&1 || echo --nodeps) --define "_sourcedir $(CURDIR)" --define "_rpmdir $(CURDIR)/build/pkg"

agent-deb: $(AGENT_BINS)
	sh pkg/agent/build-deb.sh x86_64
	sh pkg/agent/build-deb.sh aarch64

agent-rpm: $(AGENT_BINS)
	@command -v rpmbuild >/dev/null || { echo "agent-rpm: rpmbuild is missing (install rpm-build or rpm)"; exit 1; }
	for arch in x86_64 aarch64; do \
		$(RPMBUILD) --target $$arch --define "version $$(node agent/dist/kvmm-agent.js --version)" pkg/agent/kvmm-agent.spec || exit 1; \
	done

deb: all
	sh pkg/plugin/build-deb.sh

rpm: all
	@command -v rpmbuild >/dev/null || { echo "rpm: rpmbuild is missing (install rpm-build or rpm)"; exit 1; }
	$(RPMBUILD) --define "version $$(node -p 'require("./package.json").version')" pkg/plugin/cockpit-kvm-manager.spec

.PHONY: agent-bin agent-deb agent-rpm deb rpm
