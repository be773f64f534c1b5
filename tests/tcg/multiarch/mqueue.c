/*
 * mqueue: POSIX message queues through libc (mq_open with attributes,
 * mq_getattr/mq_setattr, priorities, sizes, non-blocking and timed
 * receives, mq_notify by signal and by thread, mq_unlink) and a few raw
 * calls for the kernel's own errors.  The queue's name holds the pid and is
 * never printed; the queue is removed at the end.
 * check-tcg: word-size neutral
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <mqueue.h>
#include <semaphore.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>
#include "syscall-report.h"

static volatile sig_atomic_t got_code, got_value;

static void on_usr1(int sig, siginfo_t *si, void *uc)
{
    got_code = si->si_code;
    got_value = si->si_value.sival_int;
}

static sem_t notified;
static int notify_value;

static void on_message(union sigval v)
{
    notify_value = v.sival_int;
    sem_post(&notified);
}

int main(void)
{
    struct mq_attr attr = { .mq_maxmsg = 4, .mq_msgsize = 64 }, got;
    struct sigaction sa = { .sa_sigaction = on_usr1, .sa_flags = SA_SIGINFO };
    struct sigevent sev = { .sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGUSR1,
                            .sigev_value.sival_int = 31 };
    char name[64], buf[128];
    unsigned prio = 0;
    struct timespec deadline;
    sigset_t block, old;
    mqd_t q;

    snprintf(name, sizeof(name), "/tcg-mqueue-%d", (int)getpid());
    q = mq_open(name, O_RDWR | O_CREAT | O_EXCL, 0600, &attr);
    report("mq_open", q >= 0);
    report("mq_getattr", mq_getattr(q, &got));
    printf("maxmsg %ld msgsize %ld curmsgs %ld flags %ld\n", got.mq_maxmsg, got.mq_msgsize,
           got.mq_curmsgs, got.mq_flags);
    report("mq_open exclusive again", mq_open(name, O_RDWR | O_CREAT | O_EXCL, 0600, &attr));
    attr.mq_msgsize = 0;          /* not judged: the queue exists */
    report("raw mq_open of an existing queue, attr unread", syscall(SYS_mq_open, name + 1, O_RDWR | O_CREAT, 0600, &attr));
    report("raw mq_open bad attr pointer", syscall(SYS_mq_open, name + 1, O_RDWR | O_CREAT, 0600, (void *)16));

    report("send prio 1", mq_send(q, "low", 4, 1));
    report("send prio 9", mq_send(q, "high", 5, 9));
    report("send prio 5", mq_send(q, "middle", 7, 5));
    report("send too long", mq_send(q, buf, 65, 0));
    mq_getattr(q, &got);
    printf("curmsgs %ld\n", got.mq_curmsgs);
    report("receive into a small buffer", mq_receive(q, buf, 10, &prio));
    for (int i = 0; i < 3; i++) {
        long n = mq_receive(q, buf, sizeof(buf), &prio);
        printf("received %ld \"%s\" prio %u\n", n, buf, prio);
    }

    struct mq_attr nonblock = { .mq_flags = O_NONBLOCK };
    report("mq_setattr O_NONBLOCK", mq_setattr(q, &nonblock, &got));
    printf("old flags %ld\n", got.mq_flags);
    report("receive empty, non-blocking", mq_receive(q, buf, sizeof(buf), NULL));
    nonblock.mq_flags = 0;
    mq_setattr(q, &nonblock, NULL);
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_nsec += 20 * 1000 * 1000;
    if (deadline.tv_nsec >= 1000000000) {
        deadline.tv_sec++;
        deadline.tv_nsec -= 1000000000;
    }
    report("timed receive, times out", mq_timedreceive(q, buf, sizeof(buf), NULL, &deadline));
    deadline.tv_nsec = 2000000000;
    report("timed receive, bad timeout", mq_timedreceive(q, buf, sizeof(buf), NULL, &deadline));

    /* notification by signal */
    sigaction(SIGUSR1, &sa, NULL);
    sigemptyset(&block);
    sigaddset(&block, SIGUSR1);
    sigprocmask(SIG_BLOCK, &block, &old);
    report("mq_notify signal", mq_notify(q, &sev));
    report("mq_notify again: busy", mq_notify(q, &sev));
    mq_send(q, "ping", 5, 0);
    sigsuspend(&old);
    sigprocmask(SIG_SETMASK, &old, NULL);
    printf("SI_MESGQ: %d, value %d\n", got_code == SI_MESGQ, (int)got_value);
    mq_receive(q, buf, sizeof(buf), NULL);

    /* notification by a thread (glibc: a netlink socket and a helper) */
    sem_init(&notified, 0, 0);
    sev.sigev_notify = SIGEV_THREAD;
    sev.sigev_notify_function = on_message;
    sev.sigev_value.sival_int = 57;
    report("mq_notify thread", mq_notify(q, &sev));
    mq_send(q, "pong", 5, 0);
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += 5;
    printf("thread notified: %d", sem_timedwait(&notified, &deadline) == 0);
    printf(", value %d\n", notify_value);

    report("mq_close", mq_close(q));
    report("mq_unlink", mq_unlink(name));
    report("mq_unlink again", mq_unlink(name));
    report("mq_open missing", mq_open(name, O_RDONLY));
    return 0;
}
