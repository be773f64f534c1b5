/*
 * tci.h: what the rest of the emulator must know about the interpreter
 * backend (--enable-tcg-interpreter, tcg/tci/): where in the bytecode the
 * running thread is, standing in for a host pc.  Generated code has a host
 * pc that a helper's return address (GETPC()) or a signal context gives;
 * bytecode has none, so the interpreter records the position of the call
 * or guest access under way, and the fault path and GETPC() read it.
 * Without the interpreter the functions here do nothing.
 */
#ifndef TCG_TCI_H
#define TCG_TCI_H

#include <stdbool.h>
#include <stdint.h>

#ifdef CONFIG_TCG_INTERPRETER

/* While a helper called from bytecode runs: the address just past the call
   instruction, as a return address would be (0 otherwise). */
extern __thread uintptr_t tci_call_site;
/* While the interpreter itself touches guest memory: the address of the
   qemu_ld/st instruction, and whether it writes (0 otherwise). */
extern __thread uintptr_t tci_access_site;
extern __thread bool tci_access_is_write;

/*
 * For the host fault handler: a fault in the interpreter's own guest access
 * is reported as if generated code at *host_pc had faulted, with the
 * direction the instruction knows (no signal context needed).
 */
static inline void tci_fault_site(uintptr_t *host_pc, int *is_write)
{
    if (tci_access_site) {
        *host_pc = tci_access_site;
        *is_write = tci_access_is_write;
        tci_access_site = 0;
    }
}

/* Leaving bytecode by siglongjmp: no call is under way any more. */
static inline void tci_forget_call_site(void)
{
    tci_call_site = 0;
}

#else

static inline void tci_fault_site(uintptr_t *host_pc, int *is_write) { }
static inline void tci_forget_call_site(void) { }

#endif

#endif
