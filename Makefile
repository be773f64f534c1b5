# Top-level Makefile: builds every configured target, runs the tests, installs.
#
# It is used from the directory where configure ran: the source tree itself,
# or a build directory whose stub Makefile includes this one.  The per-target
# rules live in Makefile.target, run once per target inside <target>-linux-user/.
#
#   make [all]     build <T>-linux-user/qemu-<T> for each configured target
#   make check     check-unit + check-tcg + the multiarch O2 programs again
#                  with -checked-mem + check-nooptimize + check-cas16-exclusive
#                  + check-lockstep
#                  and check-cross (both bounded; check-cross only where
#                  its toolchain is installed), ending with one
#                  "N passed, N failed"
#   make check-mem the guest-memory programs under -p 4096/16384/65536
#   make check-tci the subset for the slower interpreter build: check-unit and
#                  the check-tcg programs at -O2 (docs/devel/tci.md)
#   make check-large-page  the mem-* programs on real 16/64 KiB kernels (VMs),
#                  against native and -p runs (tests/large-page/, ~8 min)
#   make bench-large-page  issue 10's figures: ours against QEMU 7.2 inside
#                  the arm64 16 KiB VM (tests/large-page/figures.sh)
#   make check-cross  an aarch64 cross build's check-tcg (-O2) under Debian's
#                  qemu-aarch64 (tests/cross/, docs/devel/aarch64.md)
#   make check-lockstep  the lockstep checker (tests/lockstep/) on every multiarch program
#   make check-nooptimize  a few programs with and without the IR optimiser,
#                  and one instruction per block
#   make check-limits    the limits guest (LIMITS_THREADS=10000 for the full run)
#   make fuzz      random instruction sequences, ELF mutants, system calls
#                  with bad arguments, native against the emulator
#                  (FUZZ_SEED=, FUZZ_COUNT=, ELF_FUZZ_*, SYSCALL_FUZZ_*;
#                  docs/devel/fuzzing.md)
#   make syscall-docs  docs/user/syscall-table.md from the syscall tables
#   make install   the binaries and scripts/qemu-binfmt-conf.sh to
#                  $(DESTDIR)$(prefix)/bin, man pages to .../share/man/man1
#   make V=1       show the full commands

BUILD_DIR := $(CURDIR)

ifeq ($(wildcard $(BUILD_DIR)/config-host.mak),)
$(error $(BUILD_DIR)/config-host.mak is missing: run configure first)
endif
include $(BUILD_DIR)/config-host.mak

TARGETS := $(patsubst %-linux-user,%,$(TARGET_DIRS))
PROGS := $(foreach t,$(TARGETS),$(t)-linux-user/qemu-$(t))

# Unit tests (tests/unit/test-*.c) are built with the flags of one target and
# linked with its library: x86_64 when it is configured, the first target
# otherwise.  tests/unit/target-*.c are built for every target.
UNIT_TARGET := $(if $(filter x86_64,$(TARGETS)),x86_64,$(firstword $(TARGETS)))

# Quiet output unless V=1.
ifneq ($(V),1)
Q := @
MAKEFLAGS += --no-print-directory
endif

# sub-make TARGET, GOALS: run Makefile.target inside TARGET-linux-user/.
sub-make = $(MAKE) -C $(BUILD_DIR)/$(1)-linux-user -f $(SRC_PATH)/Makefile.target \
	TARGET=$(1) BUILD_DIR=$(BUILD_DIR) UNIT_TARGET=$(UNIT_TARGET) V=$(V) $(2)

# The interpreter (--enable-tcg-interpreter) runs guest code about twenty
# times slower than the JIT (docs/devel/tci.md): its runs get longer.  The
# heaviest, i386 malloc at -O0, takes 19 s of CPU; on a loaded 2-core
# machine three times that in wall time.
ifeq ($(TCG_BACKEND),tci)
export TCG_TIMEOUT ?= 120
endif

# Variables the test runners read from their environment.
TEST_ENV = SRC_PATH='$(SRC_PATH)' BUILD_DIR='$(BUILD_DIR)' TARGETS='$(TARGETS)' \
	TCG_CC='$(TCG_CC)' CONFIG_TCG_M32='$(CONFIG_TCG_M32)' TESTS='$(TESTS)' \
	CONFIG_PRECISE_PROT='$(CONFIG_PRECISE_PROT)' CONFIG_SHDWRT='$(CONFIG_SHDWRT)' \
	CONFIG_SHDWRT_DBGMSG='$(CONFIG_SHDWRT_DBGMSG)' \
	MAKE='$(MAKE)'

.PHONY: all clean distclean install check check-unit check-tcg check-mem bench tcg-programs \
	$(addprefix build-,$(TARGETS)) check-unit-run check-tcg-run check-lockstep \
	check-lockstep-run check-nooptimize check-nooptimize-run \
	check-tcg-checked-run fuzz check-limits syscall-docs check-tci check-large-page bench-large-page check-cross \
	check-cross-run check-cas16-exclusive check-cas16-exclusive-run

all: $(addprefix build-,$(TARGETS)) compile_commands.json

$(addprefix build-,$(TARGETS)): build-%:
	@mkdir -p $*-linux-user
	+$(Q)$(call sub-make,$*,all)

# One entry per compiled file, made from the same variables as the compile
# rules (see Makefile.target), so editors see the exact flags.
compile_commands.json: $(addprefix build-,$(TARGETS))
	$(Q){ echo '['; \
	  cat $(foreach t,$(TARGETS),$(t)-linux-user/compile_commands.part) | sed '$$!s/$$/,/'; \
	  echo ']'; } >$@.tmp && \
	if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv -f $@.tmp $@; fi

# The binaries, a man page each (made from the binary's own -h, so it lists
# what it takes) and the binfmt_misc registration script.
mandir ?= $(prefix)/share/man
install: all
	install -d '$(DESTDIR)$(bindir)' '$(DESTDIR)$(mandir)/man1'
	install -m 755 $(PROGS) $(SRC_PATH)/scripts/qemu-binfmt-conf.sh '$(DESTDIR)$(bindir)'
	$(foreach t,$(TARGETS),$(SHELL) $(SRC_PATH)/scripts/make-man.sh $(t)-linux-user/qemu-$(t) $(t) \
		>'$(DESTDIR)$(mandir)/man1/qemu-$(t).1' &&) true

# ---- tests -------------------------------------------------------------------
# check-unit-run and check-tcg-run only run; check-unit and check-tcg build
# first.  "make check" builds once, runs both whatever happens, and sums the
# two runners' counts (each appends "passed failed skipped" to SUMMARY_FILE).

check-unit: all
	+$(Q)$(MAKE) check-unit-run

check-tcg: all
	+$(Q)$(MAKE) check-tcg-run

check-unit-run:
	+$(Q)$(foreach t,$(TARGETS),$(call sub-make,$(t),-k unit-tests) || true;)
	$(Q)st=0; $(TEST_ENV) UNIT_TARGET=$(UNIT_TARGET) $(SHELL) $(SRC_PATH)/tests/unit/run-check-unit.sh || st=1; \
	$(TEST_ENV) $(SHELL) $(SRC_PATH)/tests/unit/run-check-syscall-table.sh || st=1; exit $$st

check-tcg-run:
	+$(Q)st=0; $(TEST_ENV) $(SHELL) $(SRC_PATH)/tests/tcg/run-check-tcg.sh || st=1; \
	$(TEST_ENV) $(SHELL) $(SRC_PATH)/tests/programs/run-check-programs.sh || st=1; \
	$(TEST_ENV) $(SHELL) $(SRC_PATH)/tests/programs/run-check-real.sh || st=1; \
	$(TEST_ENV) $(SHELL) $(SRC_PATH)/tests/sysroot/run-check-sysroot.sh || st=1; \
	$(TEST_ENV) $(SHELL) $(SRC_PATH)/tests/programs/run-check-debian-sysroot.sh || st=1; \
	$(TEST_ENV) $(SHELL) $(SRC_PATH)/tests/programs/run-check-shared.sh || st=1; \
	$(TEST_ENV) $(SHELL) $(SRC_PATH)/tests/programs/run-check-proc.sh || st=1; \
	$(TEST_ENV) $(SHELL) $(SRC_PATH)/tests/programs/run-check-options.sh || st=1; \
	$(TEST_ENV) $(SHELL) $(SRC_PATH)/tests/programs/run-check-perfmap.sh || st=1; \
	$(TEST_ENV) $(SHELL) $(SRC_PATH)/tests/programs/run-check-install.sh || st=1; \
	$(TEST_ENV) $(SHELL) $(SRC_PATH)/tests/programs/run-check-limits.sh || st=1; \
	$(TEST_ENV) $(SHELL) $(SRC_PATH)/tests/elf/run-check-elf.sh || st=1; \
	$(TEST_ENV) FUZZ_SMOKE=1 FUZZ_SEED=1 FUZZ_COUNT=5000 $(SHELL) $(SRC_PATH)/tests/fuzz/run-fuzz.sh || st=1; \
	$(TEST_ENV) FUZZ_SMOKE=1 ELF_FUZZ_COUNT=40 $(SHELL) $(SRC_PATH)/tests/fuzz/run-fuzz-elf.sh || st=1; \
	$(TEST_ENV) FUZZ_SMOKE=1 SYSCALL_FUZZ_COUNT=3000 $(SHELL) $(SRC_PATH)/tests/fuzz/run-fuzz-syscall.sh || st=1; \
	$(TEST_ENV) $(SHELL) $(SRC_PATH)/tests/gdbstub/run-check-gdbstub.sh || st=1; \
	exit $$st

# The multiarch programs (O2) once more with every TB checked through the
# software TLB (-checked-mem, docs/devel/tlb.md), against native runs.
check-tcg-checked-run:
	+$(Q)$(TEST_ENV) TESTS='$(or $(TESTS),/multiarch/)' TCG_VARIANTS=O2 \
		QEMU_ARGS='-checked-mem $(QEMU_ARGS)' \
		$(SHELL) $(SRC_PATH)/tests/tcg/run-check-tcg.sh

# docs/user/syscall-table.md from both guests' tables (scripts/syscall-table.sh).
SYSCALL_LISTER = $(BUILD_DIR)/tests/unit/build/$(1)/target-syscalls
syscall-docs: all
	+$(Q)$(foreach t,i386 x86_64,$(call sub-make,$(t),$(call SYSCALL_LISTER,$(t))) &&) true
	$(Q)$(call SYSCALL_LISTER,i386) --list >syscalls-i386.list && \
	$(call SYSCALL_LISTER,x86_64) --list >syscalls-x86_64.list && \
	$(SHELL) $(SRC_PATH)/scripts/syscall-table.sh syscalls-i386.list syscalls-x86_64.list \
		>$(SRC_PATH)/docs/user/syscall-table.md; st=$$?; rm -f syscalls-*.list; exit $$st

# The page map's unit tests, the guest-memory programs
# (tests/tcg/multiarch/mem-*.c) alone, and the programs using shared
# mappings, under every host page size; CI runs them in
# the --disable-precise-prot build and in each --shdwrt strategy's.
check-mem: all
	+$(Q)$(foreach t,$(TARGETS),$(call sub-make,$(t),-k unit-tests) || true;)
	+$(Q)st=0; $(TEST_ENV) TESTS='test-guest-mmap test-hostpage' UNIT_TARGET=$(UNIT_TARGET) \
		$(SHELL) $(SRC_PATH)/tests/unit/run-check-unit.sh || st=1; \
	$(TEST_ENV) TESTS='$(or $(TESTS),/multiarch/mem-)' \
		$(SHELL) $(SRC_PATH)/tests/tcg/run-check-tcg.sh || st=1; \
	$(TEST_ENV) $(SHELL) $(SRC_PATH)/tests/programs/run-check-shared.sh || st=1; \
	exit $$st

# The guest programs of check-tcg; check-unit's decoder test reads them too.
TCG_PROGRAM_TARGETS = $(if $(filter n,$(CONFIG_TCG_M32)),$(filter-out i386,$(TARGETS)),$(TARGETS))
tcg-programs:
	+$(Q)mkdir -p $(BUILD_DIR)/tests/tcg/build && $(MAKE) -k -f $(SRC_PATH)/tests/tcg/Makefile.tcg SRC_PATH='$(SRC_PATH)' \
		OUT='$(BUILD_DIR)/tests/tcg/build' TCG_CC='$(TCG_CC)' \
		TARGETS='$(TCG_PROGRAM_TARGETS)' all >$(BUILD_DIR)/tests/tcg/build/build-programs.log 2>&1 || \
		echo "NOTE: some guest test programs did not build: see tests/tcg/build/build-programs.log"

check:
	+$(Q)st=0; sum=$(BUILD_DIR)/check-summary.txt; rm -f $$sum; \
	$(MAKE) all || st=1; \
	$(MAKE) tcg-programs; \
	$(MAKE) check-unit-run SUMMARY_FILE=$$sum || st=1; \
	$(MAKE) check-tcg-run SUMMARY_FILE=$$sum || st=1; \
	$(MAKE) check-tcg-checked-run SUMMARY_FILE=$$sum || st=1; \
	$(MAKE) check-nooptimize-run SUMMARY_FILE=$$sum || st=1; \
	$(MAKE) check-cas16-exclusive-run SUMMARY_FILE=$$sum || st=1; \
	$(MAKE) check-lockstep-run SUMMARY_FILE=$$sum LOCKSTEP_QUICK=1 || st=1; \
	$(MAKE) check-cross-run SUMMARY_FILE=$$sum CROSS_QUICK=1 || st=1; \
	$(SHELL) $(SRC_PATH)/tests/sum-results.sh $$sum || st=1; \
	exit $$st

# What an interpreter build (--enable-tcg-interpreter) checks in a few
# minutes: the unit tests, whose IR tests and fuzzer exercise every op of
# the interpreter, and one build variant of the guest programs.
check-tci:
	+$(Q)st=0; sum=$(BUILD_DIR)/check-summary.txt; rm -f $$sum; \
	$(MAKE) all || st=1; \
	$(MAKE) tcg-programs; \
	$(MAKE) check-unit-run SUMMARY_FILE=$$sum || st=1; \
	$(TEST_ENV) TCG_VARIANTS=O2 SUMMARY_FILE=$$sum $(SHELL) $(SRC_PATH)/tests/tcg/run-check-tcg.sh || st=1; \
	$(SHELL) $(SRC_PATH)/tests/sum-results.sh $$sum || st=1; \
	exit $$st

# The x86_64 programs using CMPXCHG16B with it made as on a host without a
# 16-byte compare-and-swap (an exclusive section: include/qemu/host-atomic.h),
# by a second qemu-x86_64 that differs in that only (Makefile.target).
CAS16X_PROG = x86_64-linux-user/cas16-exclusive/qemu-x86_64
check-cas16-exclusive: all tcg-programs
	+$(Q)$(MAKE) check-cas16-exclusive-run

check-cas16-exclusive-run:
ifneq ($(filter x86_64,$(TARGETS)),)
	+$(Q)$(call sub-make,x86_64,cas16-exclusive/qemu-x86_64)
	$(Q)$(TEST_ENV) TARGETS=x86_64 TESTS='$(or $(TESTS),cmpxchg16b mem-shdwrt-access)' \
		QEMU_OVERRIDE=$(BUILD_DIR)/$(CAS16X_PROG:x86_64=) QEMU_ARGS='$(QEMU_ARGS)' \
		SUMMARY_FILE='$(SUMMARY_FILE)' $(SHELL) $(SRC_PATH)/tests/tcg/run-check-tcg.sh
endif

# The guest-memory programs inside real large-page kernels, with cross
# builds of this configuration (docs/devel/large-page.md); not in CI.  The
# script builds the programs it runs (mem-*, -O2), not all of tcg-programs.
check-large-page: all
	+$(Q)$(TEST_ENV) $(SHELL) $(SRC_PATH)/tests/large-page/run-check-large-page.sh

bench-large-page:
	+$(Q)$(TEST_ENV) $(SHELL) $(SRC_PATH)/tests/large-page/figures.sh

# check-tcg's programs with an aarch64 cross build under qemu-aarch64
# (make check: CROSS_QUICK=1, a smaller sample where the toolchain is).
check-cross: tcg-programs
	+$(Q)$(MAKE) check-cross-run

check-cross-run:
	+$(Q)$(TEST_ENV) CROSS_QUICK='$(CROSS_QUICK)' $(SHELL) $(SRC_PATH)/tests/cross/run-check-cross.sh

bench: all
	+$(Q)$(TEST_ENV) $(SHELL) $(SRC_PATH)/tests/bench/workloads.sh
	+$(Q)$(TEST_ENV) $(SHELL) $(SRC_PATH)/tests/bench/run.sh
	+$(Q)$(TEST_ENV) BENCH_OTHER_PROT_BUILD='$(BENCH_OTHER_PROT_BUILD)' \
		$(SHELL) $(SRC_PATH)/tests/bench/memory.sh
	+$(Q)$(TEST_ENV) BENCH_SHDWRT_BUILDS='$(BENCH_SHDWRT_BUILDS)' \
		$(SHELL) $(SRC_PATH)/tests/bench/shdwrt.sh

# The lockstep checker: a host tool (not linked with the emulator) and a
# static sample guest.  Stepping every instruction twice is slow (some
# 10,000 to 20,000 instructions a second), so "make check" compares only the
# first 50,000 instructions of three multiarch programs.
LOCKSTEP_DIR := $(BUILD_DIR)/tests/lockstep
LOCKSTEP_SRCS := $(filter-out %/sample.c,$(wildcard $(SRC_PATH)/tests/lockstep/*.c))

$(LOCKSTEP_DIR)/lockstep: $(LOCKSTEP_SRCS) $(SRC_PATH)/tests/lockstep/lockstep.h $(BUILD_DIR)/config-host.mak
	$(Q)mkdir -p $(LOCKSTEP_DIR) && $(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(LOCKSTEP_SRCS) $(LIBS)

$(LOCKSTEP_DIR)/sample: $(SRC_PATH)/tests/lockstep/sample.c
	$(Q)mkdir -p $(LOCKSTEP_DIR) && $(TCG_CC) -O2 -static -o $@ $<

check-lockstep: all tcg-programs
	+$(Q)$(MAKE) check-lockstep-run

check-lockstep-run: $(LOCKSTEP_DIR)/lockstep $(LOCKSTEP_DIR)/sample
	$(Q)$(TEST_ENV) LOCKSTEP_MAX='$(LOCKSTEP_MAX)' LOCKSTEP_QUICK='$(LOCKSTEP_QUICK)' \
		SUMMARY_FILE='$(SUMMARY_FILE)' \
		$(SHELL) $(SRC_PATH)/tests/lockstep/run-check-lockstep.sh

# A few programs of each target as usual, without the IR optimiser
# ("-d nooptimize") and one instruction per block ("-singlestep"), their
# outputs compared.
check-nooptimize: all tcg-programs
	+$(Q)$(MAKE) check-nooptimize-run

check-nooptimize-run:
	$(Q)$(TEST_ENV) QEMU_ARGS='$(QEMU_ARGS)' SUMMARY_FILE='$(SUMMARY_FILE)' \
		$(SHELL) $(SRC_PATH)/tests/tcg/run-check-nooptimize.sh

# The limits guest (tests/programs/limits.c) alone, with LIMITS_THREADS=
# (10000 for the full thread test).
check-limits: all
	$(Q)$(TEST_ENV) QEMU_ARGS='$(QEMU_ARGS)' LIMITS_THREADS='$(LIMITS_THREADS)' \
		$(SHELL) $(SRC_PATH)/tests/programs/run-check-limits.sh

# The differential fuzzers (tests/fuzz/), unbounded: FUZZ_COUNT instruction
# sequences of FUZZ_SEED, ELF_FUZZ_COUNT mutants of each ELF seed program,
# SYSCALL_FUZZ_COUNT system calls; every difference and a summary of each.
fuzz: all
	+$(Q)st=0; $(TEST_ENV) QEMU_ARGS='$(QEMU_ARGS)' FUZZ_SEED='$(FUZZ_SEED)' FUZZ_COUNT='$(FUZZ_COUNT)' \
		$(SHELL) $(SRC_PATH)/tests/fuzz/run-fuzz.sh || st=1; \
	$(TEST_ENV) QEMU_ARGS='$(QEMU_ARGS)' ELF_FUZZ_SEED='$(ELF_FUZZ_SEED)' ELF_FUZZ_COUNT='$(ELF_FUZZ_COUNT)' \
		$(SHELL) $(SRC_PATH)/tests/fuzz/run-fuzz-elf.sh || st=1; \
	$(TEST_ENV) QEMU_ARGS='$(QEMU_ARGS)' SYSCALL_FUZZ_SEED='$(SYSCALL_FUZZ_SEED)' \
		SYSCALL_FUZZ_COUNT='$(SYSCALL_FUZZ_COUNT)' \
		$(SHELL) $(SRC_PATH)/tests/fuzz/run-fuzz-syscall.sh || st=1; \
	exit $$st

# ---- cleaning ----------------------------------------------------------------
clean:
	rm -rf $(addsuffix -linux-user,$(TARGETS)) tests/unit/build tests/tcg/build tests/sysroot/build \
		tests/large-page tests/cross \
		tests/lockstep/lockstep tests/lockstep/sample tests/fuzz/build tests/programs/build \
		compile_commands.json check-summary.txt

distclean: clean
	rm -f config-host.mak config-host.h config.status
	@if [ '$(SRC_PATH)' != '$(BUILD_DIR)' ]; then rm -f Makefile; fi
