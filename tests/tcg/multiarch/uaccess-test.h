/*
 * uaccess-test.h: what the uaccess-* guest programs share.
 *
 * They hand system calls buffers next to pages the program may not
 * access, and print what the kernel answers: a count, or an errno name.
 * The buffers lie in one 64 KiB-aligned region, so that under -p 65536
 * every page of it shares one host page: the emulator cannot let the host
 * kernel judge the guest's pages by the host's protection.
 *
 * The output must not depend on the word size: the i386 build's run is
 * compared with the x86_64 native output of the same source, since the
 * test host may not run 32-bit programs.
 */
#ifndef UACCESS_TEST_H
#define UACCESS_TEST_H

#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/syscall.h>

#define PAGE 4096
#define REGION 65536

/* The region's pages, in order. */
enum {
    P_DATA,         /* 2 pages: read and write */
    P_NONE = 2,     /* PROT_NONE */
    P_RO,           /* PROT_READ */
    P_HOLE,         /* unmapped */
    P_MORE,         /* read and write again */
};

static char *region;

static char *page(int n)
{
    return region + n * PAGE;
}

/* The region, its pages filled with a pattern before they are protected. */
static void region_init(void)
{
    char *raw = mmap(NULL, 2 * REGION, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

    if (raw == MAP_FAILED) {
        perror("mmap");
        exit(1);
    }
    region = (char *)(((uintptr_t)raw + REGION - 1) & -(uintptr_t)REGION);
    for (int i = 0; i < REGION; i++) {
        region[i] = 'a' + i % 23;
    }
    if (mprotect(page(P_NONE), PAGE, PROT_NONE) ||
        mprotect(page(P_RO), PAGE, PROT_READ) ||
        munmap(page(P_HOLE), PAGE)) {
        perror("protect");
        exit(1);
    }
}

/* A system call's result: the value, or the errno's name. */
static void show(const char *what, long ret)
{
    if (ret < 0) {
        printf("%-44s %s\n", what, strerrorname_np(errno));
    } else {
        printf("%-44s %ld\n", what, ret);
    }
    fflush(stdout);
}

/* A short digest of n bytes, to show which bytes a call moved. */
static unsigned digest(const char *p, long n)
{
    unsigned h = 5381;

    for (long i = 0; i < n; i++) {
        h = h * 33 + (unsigned char)p[i];
    }
    return h;
}

#endif
