/*
 * cpuinfo-flags.h: the names Linux (6.x, arch/x86/include/asm/
 * cpufeatures.h) prints in /proc/cpuinfo's flags line for the CPUID
 * feature bits, in its order (capability word by word, bit by bit), and
 * those of the "power management" line.  A bit the kernel does not name is
 * not listed; its synthetic flags (constant_tsc, pti, ...) describe the
 * host machine, not CPUID, and are not here either.  Used by
 * procfs-cpuinfo.c and by tests/programs/proc-cpuinfo.c, whose native run
 * checks the table against the host kernel.
 */
#ifndef LINUX_USER_CPUINFO_FLAGS_H
#define LINUX_USER_CPUINFO_FLAGS_H

#include <stdint.h>

enum { CPUID_EAX, CPUID_EBX, CPUID_ECX, CPUID_EDX };

typedef struct CpuidFlagName {
    uint32_t leaf, subleaf;
    uint8_t reg, bit;
    const char *name;
} CpuidFlagName;

#define FLAG(leaf, subleaf, reg, bit, name) { leaf, subleaf, CPUID_##reg, bit, name }

static const CpuidFlagName cpuinfo_flags[] = {
    /* word 0: leaf 1 EDX */
    FLAG(1, 0, EDX, 0, "fpu"), FLAG(1, 0, EDX, 1, "vme"), FLAG(1, 0, EDX, 2, "de"),
    FLAG(1, 0, EDX, 3, "pse"), FLAG(1, 0, EDX, 4, "tsc"), FLAG(1, 0, EDX, 5, "msr"),
    FLAG(1, 0, EDX, 6, "pae"), FLAG(1, 0, EDX, 7, "mce"), FLAG(1, 0, EDX, 8, "cx8"),
    FLAG(1, 0, EDX, 9, "apic"), FLAG(1, 0, EDX, 11, "sep"), FLAG(1, 0, EDX, 12, "mtrr"),
    FLAG(1, 0, EDX, 13, "pge"), FLAG(1, 0, EDX, 14, "mca"), FLAG(1, 0, EDX, 15, "cmov"),
    FLAG(1, 0, EDX, 16, "pat"), FLAG(1, 0, EDX, 17, "pse36"), FLAG(1, 0, EDX, 18, "pn"),
    FLAG(1, 0, EDX, 19, "clflush"), FLAG(1, 0, EDX, 21, "dts"), FLAG(1, 0, EDX, 22, "acpi"),
    FLAG(1, 0, EDX, 23, "mmx"), FLAG(1, 0, EDX, 24, "fxsr"), FLAG(1, 0, EDX, 25, "sse"),
    FLAG(1, 0, EDX, 26, "sse2"), FLAG(1, 0, EDX, 27, "ss"), FLAG(1, 0, EDX, 28, "ht"),
    FLAG(1, 0, EDX, 29, "tm"), FLAG(1, 0, EDX, 30, "ia64"), FLAG(1, 0, EDX, 31, "pbe"),
    /* word 1: leaf 0x80000001 EDX (the bits that repeat leaf 1's are not named) */
    FLAG(0x80000001, 0, EDX, 11, "syscall"), FLAG(0x80000001, 0, EDX, 19, "mp"),
    FLAG(0x80000001, 0, EDX, 20, "nx"), FLAG(0x80000001, 0, EDX, 22, "mmxext"),
    FLAG(0x80000001, 0, EDX, 25, "fxsr_opt"), FLAG(0x80000001, 0, EDX, 26, "pdpe1gb"),
    FLAG(0x80000001, 0, EDX, 27, "rdtscp"), FLAG(0x80000001, 0, EDX, 29, "lm"),
    FLAG(0x80000001, 0, EDX, 30, "3dnowext"), FLAG(0x80000001, 0, EDX, 31, "3dnow"),
    /* word 4: leaf 1 ECX (bit 27, OSXSAVE, is not named) */
    FLAG(1, 0, ECX, 0, "pni"), FLAG(1, 0, ECX, 1, "pclmulqdq"), FLAG(1, 0, ECX, 2, "dtes64"),
    FLAG(1, 0, ECX, 3, "monitor"), FLAG(1, 0, ECX, 4, "ds_cpl"), FLAG(1, 0, ECX, 5, "vmx"),
    FLAG(1, 0, ECX, 6, "smx"), FLAG(1, 0, ECX, 7, "est"), FLAG(1, 0, ECX, 8, "tm2"),
    FLAG(1, 0, ECX, 9, "ssse3"), FLAG(1, 0, ECX, 10, "cid"), FLAG(1, 0, ECX, 11, "sdbg"),
    FLAG(1, 0, ECX, 12, "fma"), FLAG(1, 0, ECX, 13, "cx16"), FLAG(1, 0, ECX, 14, "xtpr"),
    FLAG(1, 0, ECX, 15, "pdcm"), FLAG(1, 0, ECX, 17, "pcid"), FLAG(1, 0, ECX, 18, "dca"),
    FLAG(1, 0, ECX, 19, "sse4_1"), FLAG(1, 0, ECX, 20, "sse4_2"), FLAG(1, 0, ECX, 21, "x2apic"),
    FLAG(1, 0, ECX, 22, "movbe"), FLAG(1, 0, ECX, 23, "popcnt"),
    FLAG(1, 0, ECX, 24, "tsc_deadline_timer"), FLAG(1, 0, ECX, 25, "aes"),
    FLAG(1, 0, ECX, 26, "xsave"), FLAG(1, 0, ECX, 28, "avx"), FLAG(1, 0, ECX, 29, "f16c"),
    FLAG(1, 0, ECX, 30, "rdrand"), FLAG(1, 0, ECX, 31, "hypervisor"),
    /* word 6: leaf 0x80000001 ECX */
    FLAG(0x80000001, 0, ECX, 0, "lahf_lm"), FLAG(0x80000001, 0, ECX, 1, "cmp_legacy"),
    FLAG(0x80000001, 0, ECX, 2, "svm"), FLAG(0x80000001, 0, ECX, 3, "extapic"),
    FLAG(0x80000001, 0, ECX, 4, "cr8_legacy"), FLAG(0x80000001, 0, ECX, 5, "abm"),
    FLAG(0x80000001, 0, ECX, 6, "sse4a"), FLAG(0x80000001, 0, ECX, 7, "misalignsse"),
    FLAG(0x80000001, 0, ECX, 8, "3dnowprefetch"), FLAG(0x80000001, 0, ECX, 9, "osvw"),
    FLAG(0x80000001, 0, ECX, 10, "ibs"), FLAG(0x80000001, 0, ECX, 11, "xop"),
    FLAG(0x80000001, 0, ECX, 12, "skinit"), FLAG(0x80000001, 0, ECX, 13, "wdt"),
    FLAG(0x80000001, 0, ECX, 15, "lwp"), FLAG(0x80000001, 0, ECX, 16, "fma4"),
    FLAG(0x80000001, 0, ECX, 17, "tce"), FLAG(0x80000001, 0, ECX, 19, "nodeid_msr"),
    FLAG(0x80000001, 0, ECX, 21, "tbm"), FLAG(0x80000001, 0, ECX, 22, "topoext"),
    FLAG(0x80000001, 0, ECX, 23, "perfctr_core"), FLAG(0x80000001, 0, ECX, 24, "perfctr_nb"),
    FLAG(0x80000001, 0, ECX, 26, "bpext"), FLAG(0x80000001, 0, ECX, 27, "ptsc"),
    FLAG(0x80000001, 0, ECX, 28, "perfctr_llc"), FLAG(0x80000001, 0, ECX, 29, "mwaitx"),
    /* word 9: leaf 7 subleaf 0 EBX */
    FLAG(7, 0, EBX, 0, "fsgsbase"), FLAG(7, 0, EBX, 1, "tsc_adjust"), FLAG(7, 0, EBX, 2, "sgx"),
    FLAG(7, 0, EBX, 3, "bmi1"), FLAG(7, 0, EBX, 4, "hle"), FLAG(7, 0, EBX, 5, "avx2"),
    FLAG(7, 0, EBX, 7, "smep"), FLAG(7, 0, EBX, 8, "bmi2"), FLAG(7, 0, EBX, 9, "erms"),
    FLAG(7, 0, EBX, 10, "invpcid"), FLAG(7, 0, EBX, 11, "rtm"), FLAG(7, 0, EBX, 12, "cqm"),
    FLAG(7, 0, EBX, 14, "mpx"), FLAG(7, 0, EBX, 15, "rdt_a"), FLAG(7, 0, EBX, 16, "avx512f"),
    FLAG(7, 0, EBX, 17, "avx512dq"), FLAG(7, 0, EBX, 18, "rdseed"), FLAG(7, 0, EBX, 19, "adx"),
    FLAG(7, 0, EBX, 20, "smap"), FLAG(7, 0, EBX, 21, "avx512ifma"),
    FLAG(7, 0, EBX, 23, "clflushopt"), FLAG(7, 0, EBX, 24, "clwb"),
    FLAG(7, 0, EBX, 25, "intel_pt"), FLAG(7, 0, EBX, 26, "avx512pf"),
    FLAG(7, 0, EBX, 27, "avx512er"), FLAG(7, 0, EBX, 28, "avx512cd"),
    FLAG(7, 0, EBX, 29, "sha_ni"), FLAG(7, 0, EBX, 30, "avx512bw"),
    FLAG(7, 0, EBX, 31, "avx512vl"),
    /* word 10: leaf 0xd subleaf 1 EAX */
    FLAG(0xd, 1, EAX, 0, "xsaveopt"), FLAG(0xd, 1, EAX, 1, "xsavec"),
    FLAG(0xd, 1, EAX, 2, "xgetbv1"), FLAG(0xd, 1, EAX, 3, "xsaves"),
    /* word 12: leaf 7 subleaf 1 EAX */
    FLAG(7, 1, EAX, 4, "avx_vnni"), FLAG(7, 1, EAX, 5, "avx512_bf16"),
    FLAG(7, 1, EAX, 17, "fred"), FLAG(7, 1, EAX, 26, "lam"),
    /* word 13: leaf 0x80000008 EBX */
    FLAG(0x80000008, 0, EBX, 0, "clzero"), FLAG(0x80000008, 0, EBX, 1, "irperf"),
    FLAG(0x80000008, 0, EBX, 2, "xsaveerptr"), FLAG(0x80000008, 0, EBX, 4, "rdpru"),
    FLAG(0x80000008, 0, EBX, 9, "wbnoinvd"), FLAG(0x80000008, 0, EBX, 23, "amd_ppin"),
    FLAG(0x80000008, 0, EBX, 25, "virt_ssbd"), FLAG(0x80000008, 0, EBX, 27, "cppc"),
    FLAG(0x80000008, 0, EBX, 31, "brs"),
    /* word 14: leaf 6 EAX */
    FLAG(6, 0, EAX, 0, "dtherm"), FLAG(6, 0, EAX, 1, "ida"), FLAG(6, 0, EAX, 2, "arat"),
    FLAG(6, 0, EAX, 4, "pln"), FLAG(6, 0, EAX, 6, "pts"), FLAG(6, 0, EAX, 7, "hwp"),
    FLAG(6, 0, EAX, 8, "hwp_notify"), FLAG(6, 0, EAX, 9, "hwp_act_window"),
    FLAG(6, 0, EAX, 10, "hwp_epp"), FLAG(6, 0, EAX, 11, "hwp_pkg_req"),
    FLAG(6, 0, EAX, 19, "hfi"),
    /* word 16: leaf 7 subleaf 0 ECX */
    FLAG(7, 0, ECX, 1, "avx512vbmi"), FLAG(7, 0, ECX, 2, "umip"), FLAG(7, 0, ECX, 3, "pku"),
    FLAG(7, 0, ECX, 4, "ospke"), FLAG(7, 0, ECX, 5, "waitpkg"),
    FLAG(7, 0, ECX, 6, "avx512_vbmi2"), FLAG(7, 0, ECX, 8, "gfni"), FLAG(7, 0, ECX, 9, "vaes"),
    FLAG(7, 0, ECX, 10, "vpclmulqdq"), FLAG(7, 0, ECX, 11, "avx512_vnni"),
    FLAG(7, 0, ECX, 12, "avx512_bitalg"), FLAG(7, 0, ECX, 13, "tme"),
    FLAG(7, 0, ECX, 14, "avx512_vpopcntdq"), FLAG(7, 0, ECX, 16, "la57"),
    FLAG(7, 0, ECX, 22, "rdpid"), FLAG(7, 0, ECX, 24, "bus_lock_detect"),
    FLAG(7, 0, ECX, 25, "cldemote"), FLAG(7, 0, ECX, 27, "movdiri"),
    FLAG(7, 0, ECX, 28, "movdir64b"), FLAG(7, 0, ECX, 29, "enqcmd"),
    FLAG(7, 0, ECX, 30, "sgx_lc"),
    /* word 17: leaf 0x80000007 EBX */
    FLAG(0x80000007, 0, EBX, 0, "overflow_recov"), FLAG(0x80000007, 0, EBX, 1, "succor"),
    FLAG(0x80000007, 0, EBX, 3, "smca"),
    /* word 18: leaf 7 subleaf 0 EDX */
    FLAG(7, 0, EDX, 2, "avx512_4vnniw"), FLAG(7, 0, EDX, 3, "avx512_4fmaps"),
    FLAG(7, 0, EDX, 4, "fsrm"), FLAG(7, 0, EDX, 8, "avx512_vp2intersect"),
    FLAG(7, 0, EDX, 10, "md_clear"), FLAG(7, 0, EDX, 14, "serialize"),
    FLAG(7, 0, EDX, 16, "tsxldtrk"), FLAG(7, 0, EDX, 18, "pconfig"),
    FLAG(7, 0, EDX, 19, "arch_lbr"), FLAG(7, 0, EDX, 20, "ibt"),
    FLAG(7, 0, EDX, 22, "amx_bf16"), FLAG(7, 0, EDX, 23, "avx512_fp16"),
    FLAG(7, 0, EDX, 24, "amx_tile"), FLAG(7, 0, EDX, 25, "amx_int8"),
    FLAG(7, 0, EDX, 28, "flush_l1d"), FLAG(7, 0, EDX, 29, "arch_capabilities"),
};

/* "power management": leaf 0x80000007 EDX, bit by bit; an empty name
   prints nothing (bit 8 is constant_tsc's), a bit past the table "[n]". */
static const char *const cpuinfo_power_flags[] = {
    "ts", "fid", "vid", "ttp", "tm", "stc", "100mhzsteps", "hwpstate", "",
    "cpb", "eff_freq_ro", "proc_feedback", "acc_power",
};

#undef FLAG

#endif
