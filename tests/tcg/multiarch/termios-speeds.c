/*
 * termios-speeds: a pseudo-terminal's speeds as the kernel's termios2
 * requests give and take them (TCGETS2/TCSETS2, which newer C libraries
 * use for cfsetospeed with any number): an arbitrary speed (BOTHER), an
 * input baud code in CIBAUD, a standard code's speed, and what the forms
 * without speeds (TCSETS, TCSETA) keep of them; and every baud code with
 * its speed.
 *
 * On a ppc64 host, whose struct termios carries the speeds itself and
 * which has no termios2 requests, the emulator converts these too
 * (linux-user/syscall_termios.c).  Debian's qemu-ppc64le (QEMU 7.2) does
 * not convert ppc64's speeds, BOTHER or CIBAUD for the x86 kernel under
 * it, so a ppc64le build is judged here in the ppc64el VM only
 * (docs/devel/large-page.md).
 *
 * check-tcg: word-size neutral (Debian's qemu-i386, the i386 reference
 * otherwise, has no TCGETS2)
 */
#include "termios-common.h"

/* As TCGETS2 gives them, with the speeds. */
static void show_attrs2(const char *what)
{
    struct k_termios2 t;

    if (ioctl(slave, K_TCGETS2, &t) != 0) {
        fail(what);
    }
    printf("%s: iflag %08x oflag %08x cflag %08x lflag %08x line %d"
           " ispeed %u ospeed %u\n", what, t.c_iflag, t.c_oflag,
           t.c_cflag, t.c_lflag, t.c_line, t.c_ispeed, t.c_ospeed);
    show_cc(t.c_cc, KERNEL_NCCS);
}

static void set_attrs2(const char *what, struct k_termios2 *t)
{
    if (ioctl(slave, K_TCSETS2, t) != 0) {
        fail(what);
    }
}

int main(void)
{
    struct k_termios2 t2;
    struct termios t;
    struct termio old;

    open_pty();
    show_attrs2("initial");

    /* A standard code: the kernel fills in its speed. */
    if (ioctl(slave, K_TCGETS2, &t2) != 0) {
        fail("TCGETS2");
    }
    t2.c_cflag = (t2.c_cflag & ~(CBAUD | CIBAUD)) | B115200;
    t2.c_ispeed = t2.c_ospeed = 1;
    set_attrs2("B115200", &t2);
    show_attrs2("B115200");

    /* An arbitrary output speed, and an input code in CIBAUD. */
    t2.c_cflag = (t2.c_cflag & ~(CBAUD | CIBAUD)) | K_BOTHER | (B9600 << K_IBSHIFT);
    t2.c_ospeed = 12345;
    t2.c_ispeed = 1;
    set_attrs2("BOTHER", &t2);
    show_attrs2("BOTHER");
    show_attrs("BOTHER via TCGETS");

    /* TCSETS carries no speed: the current ones stay. */
    if (tcgetattr(slave, &t) != 0) {
        fail("tcgetattr");
    }
    t.c_lflag ^= ECHO;
    set_attrs("TCSETS after BOTHER", TCSANOW, &t);
    show_attrs2("TCSETS after BOTHER");

    /* TCSETA carries the low 16 bits: CIBAUD stays. */
    if (ioctl(slave, TCGETA, &old) != 0) {
        fail("TCGETA");
    }
    old.c_lflag ^= ECHO;
    if (ioctl(slave, TCSETA, &old) != 0) {
        fail("TCSETA");
    }
    show_attrs2("after TCSETA");

    /* An arbitrary input speed too. */
    t2.c_cflag = (t2.c_cflag & ~CIBAUD) | (K_BOTHER << K_IBSHIFT);
    t2.c_ispeed = 777;
    set_attrs2("input BOTHER", &t2);
    show_attrs2("input BOTHER");

    if (tcgetattr(slave, &t) != 0) {
        fail("tcgetattr");
    }
    sweep_speeds(&t, B0, B4000000, 1);
    return 0;
}
