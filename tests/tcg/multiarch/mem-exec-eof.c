/* check-tcg: word-size neutral (its i386 build is judged by its x86_64 native run) */
/*
 * mem-exec-eof: jumping to a page of an executable file mapping that lies
 * wholly past end of file gives SIGBUS/BUS_ADRERR at that address, both in
 * the host page holding end of file and in a later one; the emulator's
 * translator, which reads the code first, must turn its own host fault into
 * the guest's signal (issue 11; issue 5, point 6).
 */
#include "mem-test.h"

static void call(void *fn)
{
    ((void (*)(void))fn)();
}

int main(void)
{
    int fd = make_file("exec-eof", 100);
    unsigned char *m = mmap(NULL, 20 * PAGE, PROT_READ | PROT_EXEC, MAP_PRIVATE, fd, 0);
    if (m == MAP_FAILED) {
        perror("mmap");
        return 2;
    }
    catch_faults();
    static const unsigned pages[] = { 1, 2, 15, 16, 17, 19 };
    for (unsigned i = 0; i < sizeof(pages) / sizeof(pages[0]); i++) {
        unsigned char *target = m + pages[i] * PAGE + 0x10;
        if (attempt(call, target))
            printf("call page %u: %s, pc at the target %d\n", pages[i],
                   fault_text((uintptr_t)m), fault.pc == (uintptr_t)target);
        else
            printf("call page %u: returned\n", pages[i]);
    }
    return 0;
}
