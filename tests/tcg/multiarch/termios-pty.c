/*
 * termios-pty: a pseudo-terminal's attributes read and changed as
 * tcgetattr/tcsetattr/cfmakeraw/cfset*speed and the old TCGETA/TCSETA
 * requests do, and each mode's effect seen through the pair: echo and
 * ECHOCTL, ICRNL, raw mode, VMIN/VTIME reads, TCSAFLUSH, ECHOE with another
 * VERASE; and the baud codes up to B460800 through tcsetattr and back.
 *
 * The guest's struct termios and flag bits are x86's; a ppc64 host lays
 * the structure out, orders c_cc and numbers the flags and baud codes
 * otherwise, so the emulator converts them (linux-user/syscall_termios.c).
 * Without, a ppc64le build saw no terminal here (ENOTTY).  The speeds
 * themselves (termios2, BOTHER, CIBAUD) and the higher baud codes are
 * termios-speeds.c's: Debian's qemu-ppc64le (QEMU 7.2), which runs a
 * ppc64le build on this machine, does not convert them, but does all this.
 *
 * check-tcg: word-size neutral (its output is; Debian's qemu-i386, the
 * i386 reference otherwise, has no TCGETA)
 */
#include "termios-common.h"
#include <poll.h>

static void put(int fd, const char *s)
{
    if (write(fd, s, strlen(s)) != (ssize_t)strlen(s)) {
        fail("write");
    }
}

/* What fd gives up to and including stop, one byte at a time (a
   canonical read returns a line, a raw one what has come), printed with
   control characters escaped. */
static void show_until(const char *what, int fd, char stop)
{
    struct pollfd p = { fd, POLLIN, 0 };
    char c;

    printf("%s: \"", what);
    do {
        if (poll(&p, 1, 5000) != 1) {
            printf("\" (timeout)\n");
            return;
        }
        if (read(fd, &c, 1) != 1) {
            fail("read");
        }
        if (c == stop) {
            break;
        }
        if ((unsigned char)c < 0x20 || c == 0x7f) {
            printf("\\x%02x", (unsigned char)c);
        } else {
            putchar(c);
        }
    } while (1);
    printf("\"\n");
}

/* What the line discipline echoed to the master for input already read
   from the slave: a marker written on the slave after it comes to the
   master behind the echo. */
static void show_echo(const char *what)
{
    put(slave, "#");
    show_until(what, master, '#');
}

/* Type input on the master; show what the slave reads of it, up to and
   including stop, and what was echoed. */
static void type(const char *what, const char *input, char stop)
{
    char label[64];

    put(master, input);
    snprintf(label, sizeof(label), "%s read", what);
    show_until(label, slave, stop);
    snprintf(label, sizeof(label), "%s echo", what);
    show_echo(label);
}

int main(void)
{
    struct termios t, saved;
    struct termio old;
    char buf[8];
    int n, pipefd[2];

    open_pty();
    printf("isatty: %d\n", isatty(slave));
    show_attrs("initial");
    if (tcgetattr(slave, &saved) != 0) {
        fail("tcgetattr");
    }

    /* Cooked: ICRNL turns the typed CR into NL, echo with ONLCR. */
    type("cooked", "ab\r", '\n');
    /* ECHOCTL echoes a control character as ^X; then without it. */
    type("ECHOCTL", "\001\n", '\n');
    t = saved;
    t.c_lflag &= ~ECHOCTL;
    set_attrs("-ECHOCTL", TCSANOW, &t);
    show_attrs("-ECHOCTL");
    type("-ECHOCTL", "\001\n", '\n');
    /* No echo at all. */
    t.c_lflag &= ~ECHO;
    set_attrs("-ECHO", TCSADRAIN, &t);
    show_attrs("-ECHO");
    type("-ECHO", "quiet\n", '\n');

    /* Raw mode at another speed: no CR mapping, no echo, no output
       processing, bytes as they come. */
    t = saved;
    cfmakeraw(&t);
    cfsetospeed(&t, B115200);
    t.c_cc[VMIN] = 1;
    t.c_cc[VTIME] = 0;
    set_attrs("raw", TCSANOW, &t);
    show_attrs("raw");
    type("raw", "x\ry\n.", '.');
    put(slave, "a\nb.");
    show_until("raw output", master, '.');

    /* VMIN 0, VTIME 1: a read with nothing to read gives 0 after 0.1 s;
       VMIN 2 waits for two bytes. */
    t.c_cc[VMIN] = 0;
    t.c_cc[VTIME] = 1;
    set_attrs("VTIME", TCSANOW, &t);
    show_attrs("VMIN 0 VTIME 1");
    printf("VTIME read: %d\n", (int)read(slave, buf, sizeof(buf)));
    t.c_cc[VMIN] = 2;
    t.c_cc[VTIME] = 0;
    set_attrs("VMIN", TCSANOW, &t);
    show_attrs("VMIN 2");
    put(master, "zw");
    n = read(slave, buf, 2);
    printf("VMIN read: %d \"%.*s\"\n", n, n > 0 ? n : 0, buf);

    /* TCSAFLUSH drops input not yet read. */
    put(master, "junk.");
    show_until("before flush", slave, 'k');
    set_attrs("TCSAFLUSH", TCSAFLUSH, &t);
    n = -1;
    ioctl(slave, FIONREAD, &n);
    printf("after TCSAFLUSH: %d bytes\n", n);

    /* The baud codes up to B460800 (Debian's qemu-ppc64le converts no
       others: termios-speeds.c has them). */
    sweep_speeds(&t, B0, B460800, 0);

    /* struct termio: the low 16 bits of each word; TCSETA keeps the high
       ones (CRTSCTS). */
    t.c_cflag |= CRTSCTS;
    set_attrs("CRTSCTS", TCSANOW, &t);
    if (ioctl(slave, TCGETA, &old) != 0) {
        fail("TCGETA");
    }
    printf("TCGETA: iflag %04x oflag %04x cflag %04x lflag %04x line %d\n",
           old.c_iflag, old.c_oflag, old.c_cflag, old.c_lflag, old.c_line);
    show_cc(old.c_cc, NCC);
    old.c_lflag |= ICANON | ECHO | ECHOE;
    old.c_cflag = (old.c_cflag & ~CSIZE) | CS7 | PARENB;
    old.c_cc[VEOF] = 'D' - '@';
    old.c_cc[VERASE] = 'H' - '@';
    if (ioctl(slave, TCSETAW, &old) != 0) {
        fail("TCSETAW");
    }
    show_attrs("after TCSETAW");
    type("TCSETAW", "abx\bc\n", '\n');

    /* A descriptor that is no terminal, and none at all. */
    if (pipe(pipefd) != 0) {
        fail("pipe");
    }
    n = tcgetattr(pipefd[0], &t);
    printf("tcgetattr on a pipe: %d %s\n", n, strerror(errno));
    close(pipefd[0]);
    n = tcsetattr(pipefd[0], TCSANOW, &saved);
    printf("tcsetattr on a closed fd: %d %s\n", n, strerror(errno));
    n = ioctl(pipefd[1], TCGETA, &old);
    printf("TCGETA on a pipe: %d %s\n", n, strerror(errno));
    return 0;
}
