/*
 * helper.h: every x86 helper, listed once (see exec/helper-head.h).
 * Integer, control and system helpers here; SSE and x87 in their own lists.
 */
#include "target/i386/helper-int.h"
#include "target/i386/helper-sse.h"
#include "target/i386/helper-fpu.h"
