/*
 * args-env: what the loader hands to main: argc and argv (the runner passes
 * "one", "two words" and "3"), the environment through envp, environ and
 * getenv, setenv/unsetenv, the auxiliary vector entries whose values are
 * fixed (page size, AT_SECURE), and uname's sysname.  check-tcg runs every
 * program with the same short fixed environment, so envp can be printed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/auxv.h>
#include <sys/utsname.h>

extern char **environ;

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv, char **envp)
{
    printf("argc %d\n", argc);
    for (int i = 1; i < argc; i++)
        printf("argv[%d] = [%s]\n", i, argv[i]);
    printf("argv[argc] is NULL: %d\n", argv[argc] == NULL);
    const char *slash = strrchr(argv[0], '/');
    printf("program name: %s\n", slash ? slash + 1 : argv[0]);

    /* Sorted: the order of the environment is the runner's business, and
     * some emulators (QEMU among them) hand it over reversed. */
    int n = 0;
    while (envp[n])
        n++;
    char **sorted = malloc((n + 1) * sizeof(char *));
    memcpy(sorted, envp, (n + 1) * sizeof(char *));
    qsort(sorted, n, sizeof(char *), by_name);
    for (int i = 0; i < n; i++)
        printf("envp: %s\n", sorted[i]);
    printf("environ == envp: %d, count %d\n", environ == envp, n);
    free(sorted);

    const char *v = getenv("TCGTEST_VAR");
    printf("TCGTEST_VAR = %s\n", v ? v : "(unset)");
    printf("NOT_SET = %s\n", getenv("TCGTEST_NOT_SET") ? "set" : "(unset)");
    setenv("TCGTEST_NEW", "fresh", 1);
    setenv("TCGTEST_VAR", "changed", 0);
    printf("after setenv: %s %s\n", getenv("TCGTEST_NEW"), getenv("TCGTEST_VAR"));
    unsetenv("TCGTEST_VAR");
    printf("after unsetenv: %s\n", getenv("TCGTEST_VAR") ? "set" : "(unset)");

    printf("AT_PAGESZ %lu, AT_SECURE %lu, sysconf pagesize %ld\n", getauxval(AT_PAGESZ),
           getauxval(AT_SECURE), sysconf(_SC_PAGESIZE));
    printf("AT_ENTRY set %d, AT_PHDR set %d, AT_RANDOM set %d\n", getauxval(AT_ENTRY) != 0,
           getauxval(AT_PHDR) != 0, getauxval(AT_RANDOM) != 0);

    struct utsname u;
    if (uname(&u) == 0)
        printf("sysname %s\n", u.sysname);
    return argc;
}
