/*
 * termios-common.h: what the termios-*.c tests share: a pseudo-terminal
 * pair (the tests read and set the slave's attributes, and type on the
 * master), the kernel's struct termios2 and its requests (glibc 2.36's
 * termios.h has neither), and printing the attributes as each request
 * form gives them, in hex, so that native and emulated runs and both word
 * sizes print the same.
 */
#ifndef TERMIOS_COMMON_H
#define TERMIOS_COMMON_H

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#define KERNEL_NCCS 19      /* the c_cc the kernel keeps (glibc's has 32) */

struct k_termios2 {
    unsigned c_iflag, c_oflag, c_cflag, c_lflag;
    unsigned char c_line, c_cc[KERNEL_NCCS];
    unsigned c_ispeed, c_ospeed;
};
#define K_TCGETS2 _IOR('T', 0x2A, struct k_termios2)
#define K_TCSETS2 _IOW('T', 0x2B, struct k_termios2)
#define K_BOTHER  0010000    /* x86's */
#define K_IBSHIFT 16         /* CBAUD to CIBAUD */

static int master, slave;

static void fail(const char *what)
{
    printf("%s: %s\n", what, strerror(errno));
    exit(1);
}

static void open_pty(void)
{
    master = posix_openpt(O_RDWR | O_NOCTTY);
    if (master < 0 || grantpt(master) != 0 || unlockpt(master) != 0) {
        fail("posix_openpt");
    }
    slave = open(ptsname(master), O_RDWR | O_NOCTTY);
    if (slave < 0) {
        fail("open slave");
    }
}

static void show_cc(const unsigned char *cc, int n)
{
    printf("  cc");
    for (int i = 0; i < n; i++) {
        printf(" %02x", cc[i]);
    }
    printf("\n");
}

/* As tcgetattr gives them (TCGETS). */
static void show_attrs(const char *what)
{
    struct termios t;

    if (tcgetattr(slave, &t) != 0) {
        fail(what);
    }
    printf("%s: iflag %08x oflag %08x cflag %08x lflag %08x line %d"
           " ispeed %x ospeed %x\n", what, t.c_iflag, t.c_oflag, t.c_cflag,
           t.c_lflag, t.c_line, (unsigned)cfgetispeed(&t),
           (unsigned)cfgetospeed(&t));
    show_cc(t.c_cc, KERNEL_NCCS);
}

static void set_attrs(const char *what, int when, struct termios *t)
{
    if (tcsetattr(slave, when, t) != 0) {
        fail(what);
    }
}

/* The baud codes in order, each set as output and input speed with
   tcsetattr, and as tcgetattr gives it back; with_speeds: and the speed
   TCGETS2 gives. */
static void sweep_speeds(const struct termios *base, speed_t first, speed_t last,
                         int with_speeds)
{
    static const speed_t codes[] = {
        B0, B50, B75, B110, B134, B150, B200, B300, B600, B1200, B1800,
        B2400, B4800, B9600, B19200, B38400, B57600, B115200, B230400,
        B460800, B500000, B576000, B921600, B1000000, B1152000, B1500000,
        B2000000, B2500000, B3000000, B3500000, B4000000,
    };
    size_t i = 0, n = sizeof(codes) / sizeof(codes[0]);
    struct termios t = *base, r;
    struct k_termios2 r2;

    while (i < n && codes[i] != first) {
        i++;
    }
    for (; i < n; i++) {
        cfsetospeed(&t, codes[i]);
        cfsetispeed(&t, codes[i]);
        set_attrs("speed", TCSANOW, &t);
        if (tcgetattr(slave, &r) != 0) {
            fail("tcgetattr");
        }
        printf("speed %x: cflag %08x ospeed %x", (unsigned)codes[i],
               r.c_cflag, (unsigned)cfgetospeed(&r));
        if (with_speeds) {
            if (ioctl(slave, K_TCGETS2, &r2) != 0) {
                fail("TCGETS2");
            }
            printf(" termios2 %u %u", r2.c_ispeed, r2.c_ospeed);
        }
        printf("\n");
        if (codes[i] == last) {
            break;
        }
    }
}

#endif
