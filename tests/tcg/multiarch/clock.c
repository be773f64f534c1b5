/*
 * clock: time and process-identity calls that differ on every run, so only
 * their sanity is printed: time() and clock_gettime() are positive and
 * consistent, the monotonic clock does not go back, nanosleep sleeps,
 * getpid/getppid/getuid answer, gettimeofday agrees with time().
 */
#include <stdio.h>
#include <time.h>
#include <unistd.h>
#include <sys/time.h>
#include <sys/times.h>
#include <sys/resource.h>

int main(void)
{
    time_t t = time(NULL);
    struct timespec rt, m1, m2, res;
    struct timeval tv;
    clock_gettime(CLOCK_REALTIME, &rt);
    clock_gettime(CLOCK_MONOTONIC, &m1);
    gettimeofday(&tv, NULL);

    printf("time positive: %d\n", t > 0);
    printf("realtime positive: %d, nsec in range: %d\n", rt.tv_sec > 0, rt.tv_nsec >= 0 && rt.tv_nsec < 1000000000);
    printf("time and realtime agree: %d\n", rt.tv_sec - t >= 0 && rt.tv_sec - t <= 2);
    printf("gettimeofday agrees: %d\n", tv.tv_sec - t >= 0 && tv.tv_sec - t <= 2 && tv.tv_usec < 1000000);
    printf("clock_getres ok: %d\n", clock_getres(CLOCK_MONOTONIC, &res) == 0 && res.tv_sec == 0);

    struct timespec nap = { 0, 20 * 1000 * 1000 };
    nanosleep(&nap, NULL);
    clock_gettime(CLOCK_MONOTONIC, &m2);
    long long ns = (m2.tv_sec - m1.tv_sec) * 1000000000LL + (m2.tv_nsec - m1.tv_nsec);
    printf("monotonic advanced by >= 20ms: %d\n", ns >= 20000000);

    volatile double x = 0;
    for (int i = 0; i < 1000000; i++)
        x += i;
    printf("clock() non-negative: %d\n", clock() >= 0);
    struct tms tm;
    printf("times() ok: %d\n", times(&tm) != (clock_t)-1);
    struct rusage ru;
    printf("getrusage ok: %d\n", getrusage(RUSAGE_SELF, &ru) == 0);

    printf("getpid > 0: %d, getppid > 0: %d, pid != ppid: %d\n", getpid() > 0, getppid() > 0, getpid() != getppid());
    printf("uid/euid consistent: %d, gid/egid consistent: %d\n", getuid() == geteuid(), getgid() == getegid());

    struct tm g;
    time_t fixed = 1000000000;
    gmtime_r(&fixed, &g);
    char buf[64];
    strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S %a %j", &g);
    printf("gmtime(1e9) %s\n", buf);
    printf("mktime round trip: %d\n", timegm(&g) == fixed);
    return 0;
}
