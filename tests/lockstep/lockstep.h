/*
 * lockstep.h: what the parts of the lockstep checker share.  The checker runs
 * one static x86_64 program twice, natively under ptrace and under our
 * emulator, and compares the guest state after every instruction; see
 * docs/user/testing.md.
 */
#ifndef LOCKSTEP_H
#define LOCKSTEP_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

/* General registers in the order of QEMU's -d cpu dump. */
enum { NB_GPR = 16, GPR_RAX = 0, GPR_RBX, GPR_RCX, GPR_RDX, GPR_RSI, GPR_RDI,
       GPR_RBP, GPR_RSP, GPR_R11 = 11 };

extern const char *const gpr_names[NB_GPR];

/* The arithmetic flags and DF: the EFLAGS bits a user program can see change. */
#define FL_CF 0x001
#define FL_PF 0x004
#define FL_AF 0x010
#define FL_ZF 0x040
#define FL_SF 0x080
#define FL_DF 0x400
#define FL_OF 0x800
#define FL_ARITH (FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF)
#define FL_ALL (FL_ARITH | FL_DF)

/* One x87 register as its 80 bits: 64-bit significand, sign and exponent. */
typedef struct X87Reg {
    uint64_t mant;
    uint16_t sign_exp;
} X87Reg;

typedef struct GuestState {
    uint64_t rip;
    uint64_t gpr[NB_GPR];
    uint64_t eflags;
    uint64_t fs_base;
    /* Only filled in when the run compares x87 and SSE state (-x). */
    uint32_t mxcsr;
    uint64_t xmm[16][2];
    uint16_t fcw, fsw;       /* FSW with TOP (bits 11-13) and C0-C3 */
    uint8_t ftw;             /* FXSAVE's abridged tag: bit i = physical reg i in use */
    X87Reg st[8];            /* ST(0)..ST(7), in stack order */
} GuestState;

typedef struct Emulated Emulated;

/* native.c: the program under ptrace, stepped one instruction at a time or
   run to a breakpoint. */
typedef struct Native Native;
Native *native_start(char **argv, char **envp, bool with_sse);
/* Fills *s with the state before the next instruction; false once the
   program has ended, with its wait status in *status. */
bool native_state(Native *n, GuestState *s, int *status);
/* Sets the GPRs, flags and rip (and x87 and SSE state when compared). */
void native_set_state(Native *n, const GuestState *s);
bool native_step(Native *n);
/* The signal native_state delivered on its way to the state it gave (a
   handler's entry, stepping), or 0; once. */
int native_take_signal(Native *n);
void native_kill(Native *n);
/* What the program's descriptor fd links to in /proc (a file's path, or
   the kind of an anonymous inode: "anon_inode:[signalfd]"). */
bool native_fd_link(Native *n, uint64_t fd, char *buf, size_t size);
/* Whether system call nr (flags: its first argument) makes a thread, or
   a task that shares the program's memory while it runs on (only the
   first thread is followed); or a process (left to run on its own). */
bool starts_thread(uint64_t nr, uint64_t flags);
bool starts_process(uint64_t nr, uint64_t flags);
/* Called at the entry and the exit of each system call the native run
   makes while running to a breakpoint, with its number (to change at the
   entry), arguments and (at the exit) result; returns whether it changed
   them. */
typedef bool SyscallHook(void *opaque, bool entry, uint64_t *nr, uint64_t args[6],
                         uint64_t *ret);
void native_set_syscall_hook(Native *n, SyscallHook *hook, void *opaque);

/* What happened in the native run on its way to a breakpoint. */
typedef struct NativeEvents {
    uint64_t syscall_nr;     /* the last system call made, or -1 */
    int signal;              /* the last signal delivered, or 0 */
    int async_signal;        /* stopped: a signal not caused by the program */
    bool new_task;           /* stopped at the entry of a clone, fork or vfork */
    bool no_code;            /* the target is not mapped natively */
} NativeEvents;
enum { RUN_REACHED, RUN_ENDED, RUN_STOPPED };
/* Runs until rip reaches target for the hits-th time (0: to the end);
   RUN_STOPPED when ev says why it cannot go on, RUN_ENDED with the wait
   status in *status. */
int native_run_to(Native *n, uint64_t target, unsigned hits, NativeEvents *ev, int *status);
/* Reads len bytes of the program's memory at addr (for disassembly). */
size_t native_peek(Native *n, uint64_t addr, uint8_t *buf, size_t len);
size_t native_write(Native *n, uint64_t addr, const void *buf, size_t len);
void native_poke(Native *n, uint64_t addr, uint64_t value);
/* Runs one system call in the stopped program; returns its result. */
uint64_t native_syscall(Native *n, uint64_t nr, const uint64_t args[6]);

/* native-stack.c: gives the native run a copy of the emulator's initial
   stack block, at its address; returns the top of the block, or 0 if the
   emulator has already ended. */
uint64_t native_copy_stack(Native *n, GuestState *s, Emulated *e);

/* The emulator runs with -seed: its random bytes (AT_RANDOM, getrandom)
   are this seed's splitmix64 stream, which syscalls.c replays natively. */
#define LOCKSTEP_SEED 1
#define LOCKSTEP_SEED_TEXT "1"

/* emulated.c: the program under our emulator, its -d cpu log parsed. */
/* One translation block as -d in_asm showed it: its instructions' addresses. */
typedef struct EmuTB {
    uint64_t pc;
    int nb_insns;
    uint64_t *addrs;
    struct BlockInfo *info;  /* lockstep.c's analysis of it, once made */
} EmuTB;
/* blocks: one log entry per translation block instead of per instruction. */
Emulated *emulated_start(const char *qemu, char **argv, char **envp, bool with_sse,
                         bool blocks);
/* Fills *s with the next logged state; false at the end of the log, with
   the emulator's wait status in *status. */
bool emulated_state(Emulated *e, GuestState *s, int *status);
/* The latest translation block starting at pc (block mode), or NULL. */
EmuTB *emulated_tb(Emulated *e, uint64_t pc);
/* What the emulator's last clock_gettime or gettimeofday (system call nr)
   wrote, from its -d strace line; taken once. */
typedef struct EmuTime {
    uint64_t nr;
    int64_t sec, frac;       /* tv_sec, and tv_nsec or tv_usec */
} EmuTime;
bool emulated_time(Emulated *e, uint64_t nr, EmuTime *t);
/* Whether the emulator dropped translated code (a store to its page: -d
   page's "smc:" line) since the last call: the block that stored may have
   stopped there, to go on in a new one. */
bool emulated_code_dropped(Emulated *e);
/* Reads the emulated program's memory (guest addresses). */
size_t emulated_peek(Emulated *e, uint64_t addr, void *buf, size_t len);
/* The end of the emulator's mapping that holds guest address addr. */
uint64_t emulated_mapping_end(Emulated *e, uint64_t addr);
/* Lets the emulator run ahead, once its initial stack has been read. */
void emulated_run_ahead(Emulated *e);
/* Stops the emulator (the comparison ends before the program does). */
void emulated_kill(Emulated *e);

/* namespace.c: puts the calling process (a run, before its exec) into an
   IPC namespace of its own, so that both runs start from the same empty
   set of kernel IPC objects, and with private_tmp into a mount namespace
   with an empty /tmp and /dev/shm; false if it cannot. */
bool own_namespaces(bool private_tmp);

/* insn.c: what lockstep needs to know about the instruction just run. */
typedef struct InsnInfo {
    char text[200];          /* disassembly, for reports */
    uint8_t bytes[16];
    size_t len;
    uint32_t undefined_flags;  /* FL_* bits the SDM leaves undefined */
    uint32_t written_flags;    /* FL_* bits it writes (undefined ones included) */
    uint32_t result_gprs;      /* bit per GPR taken from the emulator */
    bool is_machine;           /* cpuid, rdtsc, rdtscp, xgetbv, syscall */
    bool is_syscall;
    bool is_cpuid;             /* not single-steppable under a hypervisor */
    bool has_rep;              /* may stop once per iteration */
    bool is_pushf;             /* pushes EFLAGS, TF included natively */
} InsnInfo;

/* A block's effect on the undefined flags: after it, those undefined are
   (before & ~kill) | gen. */
typedef struct BlockInfo {
    uint32_t kill, gen;
    InsnInfo last;           /* its last instruction */
    uint64_t mid_machine;    /* a machine-describing instruction not last, or 0 */
} BlockInfo;

void insn_init(void);
/* Decodes the instruction at rip (bytes from the native run); the register
   values of s (NULL: unknown) give shift counts. */
void insn_decode(Native *n, uint64_t rip, const GuestState *s, InsnInfo *info);
void insn_block(Native *n, const uint64_t *addrs, int count, BlockInfo *b);

/* lockstep.c: the comparison, its state shared with syscalls.c. */
typedef struct Lockstep {
    Native *native;
    Emulated *emulated;
    bool with_sse, verbose;
    char **argv, **envp;
    const char *qemu;
    int64_t map_deltas[64];
    int nb_map_deltas;
    /* Ids that name the same process in the two runs (native, emulated).
       The native run is given the emulator's, and they are translated back
       in the system calls that take them (syscalls.c). */
    uint64_t id_pairs[16][2];
    int nb_id_pairs;
    const GuestState *after;   /* the emulator's, after the block being run */
    uint64_t random_state;     /* the -seed stream, where the emulator's is */
    unsigned long taken_over;  /* syscall results */
    /* Inside a signal handler entered with frames of different sizes: the
       runs are compared by their path only, until they meet again. */
    bool in_handler;
    unsigned long handler_states;  /* states compared by path only */
} Lockstep;

void note(Lockstep *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Remembers that ids n (native) and e (emulated) name the same task. */
void add_id_pair(Lockstep *l, uint64_t n, uint64_t e);

/* syscalls.c: a SyscallHook (opaque: the Lockstep) that makes the native
   run's system calls give what the emulator's gave where they may
   legitimately differ: addresses of new mappings, process and thread ids. */
bool syscall_hook(void *opaque, bool entry, uint64_t *nr, uint64_t args[6], uint64_t *ret);
/* The sender's id in a siginfo_t of the native run (a handler's) becomes
   the emulator's. */
void native_siginfo_ids(Lockstep *l, uint64_t siginfo);
/* Sets l's -seed stream where the emulator's is when the program starts. */
void random_stream_start(Lockstep *l);
/* Whether syscall_hook may change system call nr (stepping runs those to
   their return under it). */
bool syscall_hooked(uint64_t nr);

#endif
