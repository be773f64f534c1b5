/*
 * syscall-report.h: how the syscall tests print a raw call's result, one
 * line each: "what: value", or "what: -1 <strerror(errno)>" on failure.
 */
#ifndef SYSCALL_REPORT_H
#define SYSCALL_REPORT_H

#include <errno.h>
#include <stdio.h>
#include <string.h>

static void report(const char *what, long ret)
{
    if (ret < 0) {
        printf("%s: -1 %s\n", what, strerror(errno));
    } else {
        printf("%s: %ld\n", what, ret);
    }
}

#endif
