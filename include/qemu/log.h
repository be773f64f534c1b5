/*
 * log.h: the -d / -D logging of QEMU, item for item.  A log item is a bit in
 * qemu_loglevel; qemu_log() writes to the -D file (stderr by default).
 */
#ifndef QEMU_LOG_H
#define QEMU_LOG_H

#define CPU_LOG_TB_OUT_ASM  (1 << 0)
#define CPU_LOG_TB_IN_ASM   (1 << 1)
#define CPU_LOG_TB_OP       (1 << 2)
#define CPU_LOG_TB_OP_OPT   (1 << 3)
#define CPU_LOG_INT         (1 << 4)
#define CPU_LOG_EXEC        (1 << 5)
#define CPU_LOG_PCALL       (1 << 6)
#define CPU_LOG_TB_CPU      (1 << 8)
#define CPU_LOG_RESET       (1 << 9)
#define LOG_UNIMP           (1 << 10)
#define LOG_GUEST_ERROR     (1 << 11)
#define CPU_LOG_MMU         (1 << 12)
#define CPU_LOG_TB_NOCHAIN  (1 << 13)
#define CPU_LOG_PAGE        (1 << 14)
#define LOG_STRACE          (1 << 15)
#define LOG_SHDWRT          (1 << 16)
#define CPU_LOG_TB_FPU      (1 << 17)
#define CPU_LOG_TB_NOOPT    (1 << 18)
#define CPU_LOG_TB_NOPIN    (1 << 19)

extern int qemu_loglevel;
extern FILE *qemu_logfile;

static inline bool qemu_loglevel_mask(int mask)
{
    return (qemu_loglevel & mask) != 0;
}

QEMU_PRINTF(1, 2) void qemu_log(const char *fmt, ...);
void qemu_log_vprintf(const char *fmt, va_list ap);
#define qemu_log_mask(mask, ...) \
    do { if (unlikely(qemu_loglevel_mask(mask))) qemu_log(__VA_ARGS__); } while (0)
void qemu_log_flush(void);

/* Parse "op,in_asm,..."; returns the mask, or 0 when any item is unknown. */
int qemu_str_to_log_mask(const char *str);
/* Print the list of items (for -d help) to f. */
void qemu_print_log_usage(FILE *f);
/* Open the -D file (NULL: stderr); a "%d" in its name is the process id
   ("%%" a %). */
void qemu_set_log_filename(const char *filename);
/* In a child the guest forked: with "%d" in the -D name, its own log. */
void qemu_log_fork_child(void);
void qemu_set_log(int mask);
/* -dfilter RANGE[,RANGE...]: false (nothing changed) when it does not parse. */
bool qemu_set_dfilter_ranges(const char *spec);
/* Whether per-block logging covers guest address addr (-dfilter). */
bool qemu_log_in_addr_range(uint64_t addr);
/* Logging of mask enabled for the block at guest address addr. */
static inline bool qemu_loglevel_mask_at(int mask, uint64_t addr)
{
    return qemu_loglevel_mask(mask) && qemu_log_in_addr_range(addr);
}

#endif
