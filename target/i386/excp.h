/*
 * excp.h: raising guest exceptions from helpers.  The _ra forms take the
 * helper's GETPC() so that guest state (eip, cc_op) is first restored to
 * the start of the faulting instruction; the others expect the translator
 * to have stored eip already.  All leave for cpu_loop.
 */
#ifndef I386_EXCP_H
#define I386_EXCP_H

#include "cpu.h"

QEMU_NORETURN void raise_exception(CPUX86State *env, int exception_index);
QEMU_NORETURN void raise_exception_ra(CPUX86State *env, int exception_index,
                                      uintptr_t retaddr);
QEMU_NORETURN void raise_exception_err_ra(CPUX86State *env, int exception_index,
                                          int error_code, uintptr_t retaddr);
/* A software interrupt (int n, int3) of length next_eip_addend at env->eip. */
QEMU_NORETURN void raise_interrupt(CPUX86State *env, int intno,
                                   int next_eip_addend);
/* Load a data segment register (DS, ES, FS, GS, SS) with the CPU's
   selector checks (seg_helper.c). */
void x86_load_data_seg(CPUX86State *env, int seg, int selector,
                       uintptr_t ra);

#endif
