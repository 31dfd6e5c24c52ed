# Xinfang: build, install and check the systemd units.
#
#   make                      release build (swift build -c release)
#   sudo make install         into /usr, then create the user and update the journal catalog
#   make install DESTDIR=/tmp/pkg PREFIX=/usr    staged, for a package (no post-install steps)
#   make check-units          systemd-analyze verify + the security gate (exposure ≤ 2.0) + catalog
#
# The default configuration goes to $(SYSCONFDIR)/xinfangd/xinfangd.toml (under DESTDIR) and never
# replaces an existing one. With a PREFIX other than /usr, the installed unit's ExecStart= and
# calendar directory follow the PREFIX.

PREFIX     ?= /usr
SYSCONFDIR ?= /etc
DESTDIR    ?=
SWIFT      ?= swift
# Extra flags for swift build, e.g. SWIFT_BUILD_FLAGS='--scratch-path .build-pkg'.
SWIFT_BUILD_FLAGS ?=

BINDIR      = $(PREFIX)/bin
UNITDIR     = $(PREFIX)/lib/systemd/system
SYSUSERSDIR = $(PREFIX)/lib/sysusers.d
TMPFILESDIR = $(PREFIX)/lib/tmpfiles.d
CATALOGDIR  = $(PREFIX)/lib/systemd/catalog
DATADIR     = $(PREFIX)/share/xinfang
DOCDIR      = $(PREFIX)/share/doc/xinfang
CONFDIR     = $(SYSCONFDIR)/xinfangd

INSTALL ?= install
PROGRAMS = xinfangd xinfangctl
# The unit as installed: ExecStart= at $(BINDIR), calendars at $(DATADIR) when that is not the
# place xinfangd looks by default (/usr/share/xinfang/calendars).
UNIT_SED = -e 's|^ExecStart=/usr/bin/xinfangd|ExecStart=$(BINDIR)/xinfangd|'
ifneq ($(DATADIR),/usr/share/xinfang)
UNIT_SED += -e 's|^ExecStart=.*|Environment=XINFANG_CALENDARS=$(DATADIR)/calendars\n&|'
endif

.PHONY: all build install uninstall check-units

all: build

build:
	$(SWIFT) build -c release $(SWIFT_BUILD_FLAGS) --product xinfangd
	$(SWIFT) build -c release $(SWIFT_BUILD_FLAGS) --product xinfangctl

install: build
	@bin="$$($(SWIFT) build -c release $(SWIFT_BUILD_FLAGS) --show-bin-path)"; \
	set -e; \
	$(INSTALL) -d "$(DESTDIR)$(BINDIR)"; \
	for p in $(PROGRAMS); do $(INSTALL) -m 0755 "$$bin/$$p" "$(DESTDIR)$(BINDIR)/$$p"; done
	$(INSTALL) -d "$(DESTDIR)$(UNITDIR)" "$(DESTDIR)$(SYSUSERSDIR)" "$(DESTDIR)$(CATALOGDIR)"
	sed $(UNIT_SED) units/xinfangd.service > "$(DESTDIR)$(UNITDIR)/xinfangd.service"
	chmod 0644 "$(DESTDIR)$(UNITDIR)/xinfangd.service"
	$(INSTALL) -m 0644 units/xinfangd.sysusers "$(DESTDIR)$(SYSUSERSDIR)/xinfangd.conf"
	@if [ -f units/xinfangd.tmpfiles ]; then \
	    $(INSTALL) -d "$(DESTDIR)$(TMPFILESDIR)"; \
	    $(INSTALL) -m 0644 units/xinfangd.tmpfiles "$(DESTDIR)$(TMPFILESDIR)/xinfangd.conf"; \
	fi
	$(INSTALL) -m 0644 units/xinfangd.catalog "$(DESTDIR)$(CATALOGDIR)/xinfangd.catalog"
	@set -e; for dir in etc/calendars/*/; do \
	    id=$$(basename "$$dir"); \
	    $(INSTALL) -d "$(DESTDIR)$(DATADIR)/calendars/$$id"; \
	    $(INSTALL) -m 0644 "$$dir"*.toml "$(DESTDIR)$(DATADIR)/calendars/$$id/"; \
	done
	$(INSTALL) -d "$(DESTDIR)$(DOCDIR)"
	$(INSTALL) -m 0644 README.md docs/*.md "$(DESTDIR)$(DOCDIR)/"
	$(INSTALL) -d "$(DESTDIR)$(CONFDIR)"
	@if [ -e "$(DESTDIR)$(CONFDIR)/xinfangd.toml" ]; then \
	    echo "keeping existing $(DESTDIR)$(CONFDIR)/xinfangd.toml (the default is in etc/xinfangd.toml)"; \
	else \
	    $(INSTALL) -m 0644 etc/xinfangd.toml "$(DESTDIR)$(CONFDIR)/xinfangd.toml"; \
	fi
ifeq ($(DESTDIR),)
	journalctl --update-catalog
	systemd-sysusers "$(SYSUSERSDIR)/xinfangd.conf"
	@if [ -f units/xinfangd.tmpfiles ]; then systemd-tmpfiles --create "$(TMPFILESDIR)/xinfangd.conf"; fi
	@echo "installed; now: systemctl daemon-reload && systemctl enable --now xinfangd"
endif

uninstall:
	rm -f $(foreach p,$(PROGRAMS),"$(DESTDIR)$(BINDIR)/$(p)")
	rm -f "$(DESTDIR)$(UNITDIR)/xinfangd.service" "$(DESTDIR)$(SYSUSERSDIR)/xinfangd.conf" \
	      "$(DESTDIR)$(TMPFILESDIR)/xinfangd.conf" "$(DESTDIR)$(CATALOGDIR)/xinfangd.catalog"
	rm -rf "$(DESTDIR)$(DATADIR)" "$(DESTDIR)$(DOCDIR)"
	@echo "kept $(DESTDIR)$(CONFDIR), /var/lib/xinfangd and the user xinfangd"
ifeq ($(DESTDIR),)
	journalctl --update-catalog
endif

# systemd-analyze verify insists that ExecStart='s program exists: the unit is verified with the
# installed binary when there is one, else with the one built here, else with /bin/true (noted).
check-units:
	@set -e; tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	exe="$(BINDIR)/xinfangd"; \
	if [ ! -x "$$exe" ]; then \
	    exe=$$(ls -1t .build/release/xinfangd .build/debug/xinfangd 2>/dev/null | head -n 1); \
	    exe=$${exe:+$$PWD/$$exe}; \
	fi; \
	if [ -z "$$exe" ]; then exe=/bin/true; echo "note: no xinfangd binary yet; verifying with ExecStart=/bin/true"; fi; \
	sed "s|^ExecStart=/usr/bin/xinfangd|ExecStart=$$exe|" units/xinfangd.service > "$$tmp/xinfangd.service"; \
	echo "systemd-analyze verify units/xinfangd.service (ExecStart=$$exe)"; \
	systemd-analyze verify "$$tmp/xinfangd.service"; \
	echo "catalog: journalctl --update-catalog into a scratch root"; \
	mkdir -p "$$tmp/root/usr/lib/systemd/catalog"; \
	cp units/xinfangd.catalog "$$tmp/root/usr/lib/systemd/catalog/"; \
	journalctl --root="$$tmp/root" --update-catalog; \
	journalctl --root="$$tmp/root" --list-catalog | cut -d' ' -f1 | sort > "$$tmp/catalog-ids"; \
	grep -o '"[0-9a-f]\{32\}"' Sources/XinfangEngine/MessageID.swift | tr -d '"' | sort > "$$tmp/code-ids"; \
	if ! cmp -s "$$tmp/catalog-ids" "$$tmp/code-ids"; then \
	    echo "units/xinfangd.catalog and MessageID.swift differ (< catalog, > code):"; \
	    diff "$$tmp/catalog-ids" "$$tmp/code-ids" || true; exit 1; \
	fi; \
	echo "catalog: $$(wc -l < "$$tmp/catalog-ids") entries, one per MessageID"
	systemd-analyze security --offline=true --threshold=20 units/xinfangd.service
