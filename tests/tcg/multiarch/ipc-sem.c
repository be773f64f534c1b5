/*
 * ipc-sem: SysV semaphores.  A set of three: IPC_STAT (nsems, mode),
 * SETALL/GETALL, SETVAL/GETVAL (the semun passed by value), semop up and
 * down, IPC_NOWAIT and a semtimedop timeout giving EAGAIN, a semop that
 * blocks until a forked child posts, SEM_UNDO undone when the child exits,
 * GETPID/GETNCNT, IPC_SET of the mode, the argument errors (no operations,
 * too many, bad timeout pointer) and the removed set.
 */
#include "ipc-common.h"
#include <time.h>

/* The caller defines semun (POSIX). */
union semun {
    int val;
    struct semid_ds *buf;
    unsigned short *array;
    struct seminfo *__buf;
};

static int semid;

static void print_values(const char *when)
{
    unsigned short v[3];
    union semun arg = { .array = v };

    if (semctl(semid, 0, GETALL, arg) != 0) {
        printf("GETALL %s: %s\n", when, strerrorname_np(errno));
        return;
    }
    printf("GETALL %s: %u %u %u\n", when, v[0], v[1], v[2]);
}

static int op(unsigned short num, short delta, short flags)
{
    struct sembuf sb = { num, delta, flags };

    return semop(semid, &sb, 1);
}

int main(void)
{
    union semun arg;
    struct semid_ds ds;
    unsigned short init[3] = { 1, 2, 3 };
    struct timespec timeout = { 0, 50 * 1000 * 1000 };
    struct sembuf many[2] = { { 0, 1, 0 }, { 1, 1, 0 } };
    pid_t pid;

    ipc_cleanup_init();
    setvbuf(stdout, NULL, _IOFBF, 0);

    report("semget nsems 0 without IPC_CREAT", semget(IPC_PRIVATE, 0, 0600));
    semid = ipc_track(IPC_KIND_SEM, semget(IPC_PRIVATE, 3, IPC_CREAT | 0600), NULL);
    report("semget", semid);
    if (semid < 0) {
        return 1;
    }
    arg.buf = &ds;
    report("IPC_STAT", semctl(semid, 0, IPC_STAT, arg));
    printf("nsems %lu mode %04o\n", (unsigned long)ds.sem_nsems,
           (unsigned)ds.sem_perm.mode & 0777);
    print_values("new");

    arg.array = init;
    report("SETALL", semctl(semid, 0, SETALL, arg));
    print_values("after SETALL");
    arg.val = 5;
    report("SETVAL", semctl(semid, 0, SETVAL, arg));
    printf("GETVAL 0: %d\n", semctl(semid, 0, GETVAL));
    printf("GETVAL 2: %d\n", semctl(semid, 2, GETVAL));
    report("GETVAL out of range", semctl(semid, 3, GETVAL));

    report("semop -2", op(0, -2, 0));
    report("semop -5 IPC_NOWAIT", op(1, -5, IPC_NOWAIT));
    report("semop two at once", semop(semid, many, 2));
    print_values("after semop");
    printf("GETPID is ours: %d\n", semctl(semid, 0, GETPID) == getpid());

    {
        struct sembuf sb = { 2, -10, 0 };

        report("semtimedop timeout", semtimedop(semid, &sb, 1, &timeout));
#ifdef __x86_64__
        /* i386 glibc reads the timespec itself, to convert it: SIGSEGV. */
        report("semtimedop bad timeout", semtimedop(semid, &sb, 1, (struct timespec *)8));
#endif
    }
    report("semop no operations", semop(semid, many, 0));
    {
        static struct sembuf lots[100000];

        report("semop too many", semop(semid, lots, 100000));
    }
    report("semop bad sembuf", semop(semid, (struct sembuf *)8, 1));

    /* A semop that blocks until a child posts: the child waits until the
       parent is counted as waiting (GETNCNT). */
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        for (int i = 0; i < 2000 && semctl(semid, 1, GETNCNT) != 1; i++) {
            usleep(1000);
        }
        op(1, 10, 0);
        _exit(0);
    }
    report("semop blocking until the child posts", op(1, -10, 0));
    report_child("poster", pid);
    print_values("after the wakeup");

    /* SEM_UNDO: the child's adjustments are undone when it exits. */
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        op(0, 4, SEM_UNDO);
        op(2, -1, SEM_UNDO);
        print_values("in the child");
        fflush(stdout);
        _exit(0);
    }
    report_child("undo child", pid);
    print_values("after the child exited");
    printf("GETNCNT %d GETZCNT %d\n", semctl(semid, 1, GETNCNT), semctl(semid, 1, GETZCNT));

    ds.sem_perm.mode = 0640;
    arg.buf = &ds;
    report("IPC_SET", semctl(semid, 0, IPC_SET, arg));
    semctl(semid, 0, IPC_STAT, arg);
    printf("mode after IPC_SET %04o\n", (unsigned)ds.sem_perm.mode & 0777);
    {
        struct seminfo info;

        arg.__buf = &info;
        report("IPC_INFO", semctl(semid, 0, IPC_INFO, arg));
        report("SEM_INFO", semctl(semid, 0, SEM_INFO, arg));
    }
    report("IPC_RMID", semctl(semid, 0, IPC_RMID));
    report("GETVAL after IPC_RMID", semctl(semid, 0, GETVAL));
    report("semop after IPC_RMID", op(0, 1, 0));
    return 0;
}
