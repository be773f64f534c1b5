/*
 * perfmap.h: the -perfmap option's map of translated code for perf
 * (accel/tcg/perfmap.c).
 */
#ifndef EXEC_PERFMAP_H
#define EXEC_PERFMAP_H

#include "exec/exec-all.h"

/* Creates /tmp/perf-<pid>.map; exits with a message if it cannot. */
void perfmap_open(void);
bool perfmap_enabled(void);
/* Appends tb's host code and guest name to the map. */
void perfmap_note_tb(const TranslationBlock *tb);

#endif
