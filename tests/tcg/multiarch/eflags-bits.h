/* eflags-bits.h: the arithmetic flags of EFLAGS, for tests that print the
   flags an instruction leaves (masked to those it defines). */
#ifndef EFLAGS_BITS_H
#define EFLAGS_BITS_H

#define CF 0x001
#define PF 0x004
#define AF 0x010
#define ZF 0x040
#define SF 0x080
#define OF 0x800
#define ARITH (CF | PF | AF | ZF | SF | OF)

#endif
