/*
 * fxsave-image.h: the FXSAVE image (the XSAVE area's legacy region) and
 * its parts, which FXSAVE/FXRSTOR (fpu_state_helper.c) store together and
 * XSAVE/XRSTOR (xsave_helper.c) store per state component: x87 (bytes
 * 0-23 and 32-159), MXCSR (24-31) and the XMM registers (160-415).  The
 * parts do not check the area: their callers check it whole first.
 */
#ifndef TARGET_I386_FXSAVE_IMAGE_H
#define TARGET_I386_FXSAVE_IMAGE_H

#include "cpu.h"

#define MXCSR_DEFAULT 0x1f80

#define FXSAVE_FCW      0
#define FXSAVE_FSW      2
#define FXSAVE_FTW      4
#define FXSAVE_FOP      6
#define FXSAVE_FIP      8
#define FXSAVE_FDP      16
#define FXSAVE_MXCSR    24
#define FXSAVE_MXCSR_MASK 28
#define FXSAVE_ST       32
#define FXSAVE_XMM      160
#define FXSAVE_REG_STRIDE 16
#define FXSAVE_AREA_BYTES 512   /* the operand, checked whole */

void fxsave_x87_part(CPUX86State *env, target_ulong addr, bool wide, uintptr_t ra);
void fxsave_mxcsr_part(CPUX86State *env, target_ulong addr, uintptr_t ra);
void fxsave_xmm_part(CPUX86State *env, target_ulong addr, uintptr_t ra);
void fxrstor_x87_part(CPUX86State *env, target_ulong addr, bool wide, uintptr_t ra);
void fxrstor_xmm_part(CPUX86State *env, target_ulong addr, uintptr_t ra);
uint32_t fxsave_read_mxcsr(CPUX86State *env, target_ulong addr, uintptr_t ra);
void fpu_init_x87_state(CPUX86State *env);

#endif
