/* check-tcg: word-size neutral (its i386 build is judged by its x86_64 native run) */
/*
 * mem-fork-advice: the madvise advice a fork obeys, per 4 KiB page inside
 * one BIG_PAGE: a forked child has no MADV_DONTFORK pages (SEGV_MAPERR)
 * and reads zeros in MADV_WIPEONFORK ones, whose flag it keeps for its own
 * children; MADV_KEEPONFORK and MADV_DOFORK undo them; the parent keeps
 * everything.  /proc/self/maps shows the pages with advice as vmas of
 * their own (the kernel splits the vma to carry the flag).  A vfork child
 * shares the parent's memory and sees it as it is.
 */
#include "mem-test.h"
#include <sys/wait.h>

#define NPAGES 16

static unsigned char *region;

/* What each page holds, and which are mapped. */
static void show(const char *who)
{
    char label[64];

    snprintf(label, sizeof(label), "%s holds", who);
    print_contents(label, region, NPAGES);
    snprintf(label, sizeof(label), "%s pages", who);
    print_pages(label, region, NPAGES, 1);
    fflush(stdout);
}

static void advise(const char *what, int first, int count, int advice)
{
    printf("%s pages %d-%d: %d\n", what, first, first + count - 1,
           madvise(region + first * PAGE, count * PAGE, advice));
}

/* Runs child_fn in a forked child and waits for it. */
static void in_child(void (*child_fn)(void))
{
    pid_t pid;
    int status;

    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        child_fn();
        fflush(stdout);
        _exit(0);
    }
    waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status)) {
        printf("child ended with status %#x\n", status);
    }
}

static void grandchild(void)
{
    show("grandchild");
}

static void child(void)
{
    show("child");
    /* The wiped page written here is wiped again in the child's child. */
    memset(region + 2 * PAGE, 'z', 2 * PAGE);
    show("child, written");
    in_child(grandchild);
}

int main(void)
{
    catch_faults();
    region = map_aligned(NPAGES * PAGE, PROT_READ | PROT_WRITE);
    fill_letters(region, NPAGES);
    advise("MADV_WIPEONFORK", 2, 1, MADV_WIPEONFORK);
    advise("MADV_DONTFORK", 5, 2, MADV_DONTFORK);
    advise("MADV_WIPEONFORK", 9, 2, MADV_WIPEONFORK);
    advise("MADV_KEEPONFORK", 10, 1, MADV_KEEPONFORK);
    advise("MADV_DONTFORK", 12, 2, MADV_DONTFORK);
    advise("MADV_DOFORK", 12, 1, MADV_DOFORK);
    /* a hole in the range: ENOMEM, the pages before it advised */
    munmap(region + 15 * PAGE, PAGE);
    advise("MADV_DONTFORK over a hole", 14, 2, MADV_DONTFORK);
    print_vmas("after the advice", region, NPAGES);
    show("parent");
    in_child(child);
    show("parent");

    /* vfork: the child runs in the parent's memory. */
    fflush(stdout);
    pid_t pid = vfork();
    if (pid == 0) {
        _exit(region[5 * PAGE] == 'f' && region[2 * PAGE] == 'c' ? 0 : 1);
    }
    int status;
    waitpid(pid, &status, 0);
    printf("vfork child sees the parent's pages: %s\n",
           WIFEXITED(status) && WEXITSTATUS(status) == 0 ? "yes" : "no");

    /* The advice goes with munmap: a new mapping there forks whole. */
    munmap(region + 5 * PAGE, 2 * PAGE);
    mmap(region + 5 * PAGE, 2 * PAGE, PROT_READ | PROT_WRITE,
         MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    memset(region + 5 * PAGE, 'y', 2 * PAGE);
    print_vmas("after remapping 5-6", region, NPAGES);
    in_child(grandchild);
    return 0;
}
