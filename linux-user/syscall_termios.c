/*
 * syscall_termios.c: the terminal-attribute ioctls (TCGETS/TCSETS*, their
 * termios2 forms TCGETS2/TCSETS2*, and the old termio ones TCGETA/TCSETA*)
 * between the guest's x86 struct termios and the host kernel's.
 *
 * The guest's structures and numbers are x86's, which are the kernel's
 * generic ones (asm-generic/termbits.h).  aarch64 has the same, so there
 * every table below maps each number to itself.  ppc64 lays struct termios
 * out otherwise (c_cc before c_line, the speeds in struct termios itself,
 * no termios2 requests), orders c_cc otherwise (VMIN 5, VTIME 7, VEOL 6...)
 * and numbers many flag bits and the baud codes otherwise (ECHO stays 8,
 * ICANON is 0x100, CBAUD is 0xff, CSIZE 0x300...), so a guest's termios
 * passed as it is would set other modes.
 *
 * Every request works the same way on every host: the host's attributes
 * are read with the host's own request (which fails first, as the guest's
 * would, on a descriptor that is no terminal), converted to the guest's
 * x86 termios2; a TCGET* copies the guest's form of it out, a TCSET*
 * copies the guest's form in over it, converts back and sets it with the
 * host's request of the same kind (drain, flush).  Starting from the
 * current attributes is what the kernel does itself for the forms that do
 * not carry all of them (termio; the speeds, on ppc64).  The forms without
 * speeds use the host's TCGETS/TCSETS* wherever they exist, so the
 * emulator asks for termios2 only when its guest does (user-mode QEMU 7.2,
 * which runs the cross builds in tests, has none).
 */
#include "qemu/osdep.h"
#include <asm/termbits.h>
#include <asm/ioctls.h>
#include "syscall_impl.h"

/* The host's struct with the speeds, and the host's requests for it:
   the generic termios2 ones, or ppc64's struct termios, which carries the
   speeds itself (ppc64 has no termios2 requests).  Where struct termios
   has no speeds it is the first bytes of termios2: the forms without
   speeds use the host's TCGETS/TCSETS* on the same buffer. */
#ifdef TCGETS2
typedef struct termios2 HostTermios;
#define HOST_TCGETS2  TCGETS2
#define HOST_TCSETS2  TCSETS2
#define HOST_TCSETSW2 TCSETSW2
#define HOST_TCSETSF2 TCSETSF2
#else
typedef struct termios HostTermios;
#define HOST_TCGETS2  TCGETS
#define HOST_TCSETS2  TCSETS
#define HOST_TCSETSW2 TCSETSW
#define HOST_TCSETSF2 TCSETSF
#endif

/* The guest's struct termios2; struct termios is its first 36 bytes. */
#define GUEST_NCCS 19
typedef struct GuestTermios {
    uint32_t c_iflag, c_oflag, c_cflag, c_lflag;
    uint8_t c_line;
    uint8_t c_cc[GUEST_NCCS];
    uint32_t c_ispeed, c_ospeed;
} GuestTermios;
#define GUEST_TERMIOS_SIZE 36
_Static_assert(offsetof(GuestTermios, c_ispeed) == GUEST_TERMIOS_SIZE,
               "x86 struct termios");
_Static_assert(sizeof(GuestTermios) == 44, "x86 struct termios2");

/* The guest's struct termio: the low 16 bits of each flag word and the
   first NCC control characters (TCSETA keeps the high bits). */
#define GUEST_NCC 8
typedef struct GuestTermio {
    uint16_t c_iflag, c_oflag, c_cflag, c_lflag;
    uint8_t c_line;
    uint8_t c_cc[GUEST_NCC];
} GuestTermio;
_Static_assert(sizeof(GuestTermio) == 18, "x86 struct termio");

/*
 * One value of a field in both numberings: a word whose bits under
 * guest_mask equal guest_bits has, on the host, host_bits under host_mask.
 * A flag is a one-bit field.  Bits no entry of either side names pass as
 * they are (the kernel keeps bits it does not know).
 */
typedef struct TermiosBits {
    uint32_t guest_mask, guest_bits, host_mask, host_bits;
} TermiosBits;

#define FLAG(guest, host) { guest, guest, host, host }
#define FIELD(guest_mask, guest, host_mask, host) { guest_mask, guest, host_mask, host }

static const TermiosBits iflag_bits[] = {
    FLAG(0x0001, IGNBRK), FLAG(0x0002, BRKINT), FLAG(0x0004, IGNPAR),
    FLAG(0x0008, PARMRK), FLAG(0x0010, INPCK), FLAG(0x0020, ISTRIP),
    FLAG(0x0040, INLCR), FLAG(0x0080, IGNCR), FLAG(0x0100, ICRNL),
    FLAG(0x0200, IUCLC), FLAG(0x0400, IXON), FLAG(0x0800, IXANY),
    FLAG(0x1000, IXOFF), FLAG(0x2000, IMAXBEL), FLAG(0x4000, IUTF8),
};

/* The delay fields' values that are not 0 (ppc64's NL2/NL3 have no x86
   value: they read as NL0). */
static const TermiosBits oflag_bits[] = {
    FLAG(0x0001, OPOST), FLAG(0x0002, OLCUC), FLAG(0x0004, ONLCR),
    FLAG(0x0008, OCRNL), FLAG(0x0010, ONOCR), FLAG(0x0020, ONLRET),
    FLAG(0x0040, OFILL), FLAG(0x0080, OFDEL),
    FIELD(0x0100, 0x0100, NLDLY, NL1),
    FIELD(0x0600, 0x0200, CRDLY, CR1), FIELD(0x0600, 0x0400, CRDLY, CR2),
    FIELD(0x0600, 0x0600, CRDLY, CR3),
    FIELD(0x1800, 0x0800, TABDLY, TAB1), FIELD(0x1800, 0x1000, TABDLY, TAB2),
    FIELD(0x1800, 0x1800, TABDLY, TAB3),
    FLAG(0x2000, BSDLY), FLAG(0x4000, VTDLY), FLAG(0x8000, FFDLY),
};

/* A baud code, as output speed (CBAUD) and as input speed (CIBAUD, the
   same codes IBSHIFT higher on both sides). */
#define GUEST_CBAUD 0x100f
#define BAUD(guest, host)                                                  \
    FIELD(GUEST_CBAUD, guest, CBAUD, host),                                \
    FIELD(GUEST_CBAUD << IBSHIFT, (uint32_t)(guest) << IBSHIFT,            \
          CIBAUD, (uint32_t)(host) << IBSHIFT)

static const TermiosBits cflag_bits[] = {
    BAUD(0x0000, B0), BAUD(0x0001, B50), BAUD(0x0002, B75),
    BAUD(0x0003, B110), BAUD(0x0004, B134), BAUD(0x0005, B150),
    BAUD(0x0006, B200), BAUD(0x0007, B300), BAUD(0x0008, B600),
    BAUD(0x0009, B1200), BAUD(0x000a, B1800), BAUD(0x000b, B2400),
    BAUD(0x000c, B4800), BAUD(0x000d, B9600), BAUD(0x000e, B19200),
    BAUD(0x000f, B38400), BAUD(0x1000, BOTHER), BAUD(0x1001, B57600),
    BAUD(0x1002, B115200), BAUD(0x1003, B230400), BAUD(0x1004, B460800),
    BAUD(0x1005, B500000), BAUD(0x1006, B576000), BAUD(0x1007, B921600),
    BAUD(0x1008, B1000000), BAUD(0x1009, B1152000), BAUD(0x100a, B1500000),
    BAUD(0x100b, B2000000), BAUD(0x100c, B2500000), BAUD(0x100d, B3000000),
    BAUD(0x100e, B3500000), BAUD(0x100f, B4000000),
    FIELD(0x0030, 0x0010, CSIZE, CS6), FIELD(0x0030, 0x0020, CSIZE, CS7),
    FIELD(0x0030, 0x0030, CSIZE, CS8),
    FLAG(0x0040, CSTOPB), FLAG(0x0080, CREAD), FLAG(0x0100, PARENB),
    FLAG(0x0200, PARODD), FLAG(0x0400, HUPCL), FLAG(0x0800, CLOCAL),
    FLAG(0x20000000, ADDRB), FLAG(0x40000000, CMSPAR),
    FLAG(0x80000000, CRTSCTS),
};

static const TermiosBits lflag_bits[] = {
    FLAG(0x00001, ISIG), FLAG(0x00002, ICANON), FLAG(0x00004, XCASE),
    FLAG(0x00008, ECHO), FLAG(0x00010, ECHOE), FLAG(0x00020, ECHOK),
    FLAG(0x00040, ECHONL), FLAG(0x00080, NOFLSH), FLAG(0x00100, TOSTOP),
    FLAG(0x00200, ECHOCTL), FLAG(0x00400, ECHOPRT), FLAG(0x00800, ECHOKE),
    FLAG(0x01000, FLUSHO), FLAG(0x04000, PENDIN), FLAG(0x08000, IEXTEN),
    FLAG(0x10000, EXTPROC),
};

/* c_cc: the host's index of each guest index (17 and 18 have no name on
   either side: kept where they are, as the kernel keeps them). */
static const uint8_t host_cc_index[GUEST_NCCS] = {
    VINTR, VQUIT, VERASE, VKILL, VEOF, VTIME, VMIN, VSWTC, VSTART, VSTOP,
    VSUSP, VEOL, VREPRINT, VDISCARD, VWERASE, VLNEXT, VEOL2, 17, 18,
};
_Static_assert(NCCS == GUEST_NCCS, "host c_cc holds the guest's");

static uint32_t convert_flags(uint32_t in, const TermiosBits *t, size_t n,
                              bool to_host)
{
    uint32_t named = 0, out = 0;

    for (size_t i = 0; i < n; i++) {
        uint32_t from_mask = to_host ? t[i].guest_mask : t[i].host_mask;
        uint32_t from_bits = to_host ? t[i].guest_bits : t[i].host_bits;

        named |= t[i].guest_mask | t[i].host_mask;
        if ((in & from_mask) == from_bits) {
            out |= to_host ? t[i].host_bits : t[i].guest_bits;
        }
    }
    return out | (in & ~named);
}

/* Each word and character of the attributes from the guest's structure
   to the host's (to_host) or back: the flag words through their tables,
   the speeds as they are, c_cc by index and c_line. */
static void convert_termios(GuestTermios *g, HostTermios *h, bool to_host)
{
    const struct {
        uint32_t *guest;
        unsigned int *host;
        const TermiosBits *bits;
        size_t n;
    } words[] = {
        { &g->c_iflag, &h->c_iflag, iflag_bits, ARRAY_SIZE(iflag_bits) },
        { &g->c_oflag, &h->c_oflag, oflag_bits, ARRAY_SIZE(oflag_bits) },
        { &g->c_cflag, &h->c_cflag, cflag_bits, ARRAY_SIZE(cflag_bits) },
        { &g->c_lflag, &h->c_lflag, lflag_bits, ARRAY_SIZE(lflag_bits) },
        { &g->c_ispeed, &h->c_ispeed, NULL, 0 },
        { &g->c_ospeed, &h->c_ospeed, NULL, 0 },
    };

    for (size_t i = 0; i < ARRAY_SIZE(words); i++) {
        if (to_host) {
            *words[i].host = convert_flags(*words[i].guest, words[i].bits,
                                           words[i].n, true);
        } else {
            *words[i].guest = convert_flags(*words[i].host, words[i].bits,
                                            words[i].n, false);
        }
    }
    for (int i = 0; i <= GUEST_NCCS; i++) {        /* GUEST_NCCS: c_line */
        uint8_t *gc = i < GUEST_NCCS ? &g->c_cc[i] : &g->c_line;
        unsigned char *hc = i < GUEST_NCCS ? &h->c_cc[host_cc_index[i]] : &h->c_line;

        if (to_host) {
            *hc = *gc;
        } else {
            *gc = *hc;
        }
    }
}

/* The guest's forms of the attributes: a prefix of its termios2 (size
   bytes), or struct termio. */
enum { FORM_TERMIOS, FORM_TERMIO };

static abi_long form_to_user(abi_ulong gaddr, const GuestTermios *g, int form,
                             size_t size)
{
    GuestTermio o;

    if (form == FORM_TERMIOS) {
        return copy_to_user(gaddr, g, size);
    }
    memset(&o, 0, sizeof(o));           /* the padding byte, as the kernel */
    o.c_iflag = g->c_iflag;
    o.c_oflag = g->c_oflag;
    o.c_cflag = g->c_cflag;
    o.c_lflag = g->c_lflag;
    o.c_line = g->c_line;
    memcpy(o.c_cc, g->c_cc, GUEST_NCC);
    return copy_to_user(gaddr, &o, sizeof(o));
}

static abi_long form_from_user(GuestTermios *g, abi_ulong gaddr, int form,
                               size_t size)
{
    GuestTermio o;

    if (form == FORM_TERMIOS) {
        return copy_from_user(g, gaddr, size);
    }
    if (copy_from_user(&o, gaddr, sizeof(o))) {
        return -TARGET_EFAULT;
    }
    g->c_iflag = (g->c_iflag & 0xffff0000) | o.c_iflag;
    g->c_oflag = (g->c_oflag & 0xffff0000) | o.c_oflag;
    g->c_cflag = (g->c_cflag & 0xffff0000) | o.c_cflag;
    g->c_lflag = (g->c_lflag & 0xffff0000) | o.c_lflag;
    g->c_line = o.c_line;
    memcpy(g->c_cc, o.c_cc, GUEST_NCC);
    return 0;
}

/* host_get reads the host's attributes; host_set, if not 0, sets them
   (0: the guest's request only gets). */
typedef struct TermiosReq {
    uint32_t guest;
    int form;
    unsigned size;
    unsigned long host_get, host_set;
} TermiosReq;

#define OLD_FORM FORM_TERMIOS, GUEST_TERMIOS_SIZE, TCGETS
#define TERMIO_FORM FORM_TERMIO, sizeof(GuestTermio), TCGETS
#define TERMIOS2_FORM FORM_TERMIOS, sizeof(GuestTermios), HOST_TCGETS2
static const TermiosReq termios_reqs[] = {
    { 0x5401, OLD_FORM, 0 },                            /* TCGETS */
    { 0x5402, OLD_FORM, TCSETS },                       /* TCSETS */
    { 0x5403, OLD_FORM, TCSETSW },                      /* TCSETSW */
    { 0x5404, OLD_FORM, TCSETSF },                      /* TCSETSF */
    { 0x5405, TERMIO_FORM, 0 },                         /* TCGETA */
    { 0x5406, TERMIO_FORM, TCSETS },                    /* TCSETA */
    { 0x5407, TERMIO_FORM, TCSETSW },                   /* TCSETAW */
    { 0x5408, TERMIO_FORM, TCSETSF },                   /* TCSETAF */
    { 0x802c542a, TERMIOS2_FORM, 0 },                   /* TCGETS2 */
    { 0x402c542b, TERMIOS2_FORM, HOST_TCSETS2 },        /* TCSETS2 */
    { 0x402c542c, TERMIOS2_FORM, HOST_TCSETSW2 },       /* TCSETSW2 */
    { 0x402c542d, TERMIOS2_FORM, HOST_TCSETSF2 },       /* TCSETSF2 */
};

bool termios_ioctl(abi_long *ret, int fd, uint32_t request, abi_ulong arg)
{
    const TermiosReq *r = NULL;
    HostTermios h;
    GuestTermios g;

    for (size_t i = 0; i < ARRAY_SIZE(termios_reqs); i++) {
        if (termios_reqs[i].guest == request) {
            r = &termios_reqs[i];
            break;
        }
    }
    if (!r) {
        return false;
    }
    memset(&h, 0, sizeof(h));
    *ret = get_errno(safe_syscall(SYS_ioctl, fd, r->host_get, &h));
    if (*ret) {
        return true;
    }
    convert_termios(&g, &h, false);
    if (!r->host_set) {
        *ret = form_to_user(arg, &g, r->form, r->size);
        return true;
    }
    *ret = form_from_user(&g, arg, r->form, r->size);
    if (*ret == 0) {
        convert_termios(&g, &h, true);
        *ret = get_errno(safe_syscall(SYS_ioctl, fd, r->host_set, &h));
    }
    return true;
}
