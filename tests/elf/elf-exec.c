/*
 * elf-exec.c: the native side of tests/elf/run-check-elf.sh: execve the
 * file named by argv[1]; if the kernel refuses it, print "refused: " and
 * what its errno says, and exit 126 (as a shell would).  The emulator's
 * side is the emulator run on the file, whose refusal message starts with
 * the same strerror text.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: elf-exec FILE\n");
        return 2;
    }
    execv(argv[1], argv + 1);
    printf("refused: %s\n", strerror(errno));
    return 126;
}
