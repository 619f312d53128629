# Vireo's front door. Every target installs what it needs first (idempotent),
# so a fresh Debian 12 machine needs nothing but `make run` or `make check`.

BUILD      ?= build
ASAN_BUILD ?= build-asan
PREFIX     ?= /usr/local
PY         := /usr/bin/python3
RUN_DIR    := $(CURDIR)/run

.PHONY: all deps build run check check-unit check-integration check-asan install bench clean

all: build

deps:
	@sh scripts/install-deps.sh

$(BUILD)/build.ninja:
	@$(MAKE) --no-print-directory deps
	meson setup $(BUILD) --buildtype=debugoptimized -Dwerror=true

build: deps $(BUILD)/build.ninja
	ninja -C $(BUILD)

run: build
	@sh scripts/run-dev.sh $(BUILD) $(RUN_DIR)

# The whole suite: C unit tests (cmocka, through meson test) and the
# integration tests (pytest, real processes). The last line is the total.
check: build
	@sh scripts/check.sh $(BUILD)

$(ASAN_BUILD)/build.ninja:
	@$(MAKE) --no-print-directory deps
	meson setup $(ASAN_BUILD) --buildtype=debug -Db_sanitize=address,undefined -Db_lundef=false

# The quarantine is kept small so that the tests bounding a 1 GiB stream's
# memory measure our buffers, not ASan's pool of freed blocks.
check-asan: $(ASAN_BUILD)/build.ninja
	ninja -C $(ASAN_BUILD)
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:quarantine_size_mb=8 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
		sh scripts/check.sh $(ASAN_BUILD)

install: build
	meson configure $(BUILD) -Dprefix=$(abspath $(PREFIX)) >/dev/null
	ninja -C $(BUILD)
	meson install -C $(BUILD) --no-rebuild

bench: build
	@sh bench/run.sh $(BUILD) $(if $(QUICK),--quick,)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) run
