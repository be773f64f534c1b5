/*
 * sort: 1000 pseudo-random ints (fixed-seed LCG) sorted by qsort and by
 * hand-written insertion, heap, merge and quick sorts; each result is
 * compared with qsort's, then bsearch looks up every element and a few
 * absent keys.  Branchy, memory-heavy code with indirect calls.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N 1000
static int orig[N], ref[N], work[N], tmpbuf[N];
static unsigned cmp_calls;

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    cmp_calls++;
    return (x > y) - (x < y);
}

static void insertion_sort(int *a, int n)
{
    for (int i = 1; i < n; i++) {
        int v = a[i], j = i - 1;
        while (j >= 0 && a[j] > v) {
            a[j + 1] = a[j];
            j--;
        }
        a[j + 1] = v;
    }
}

static void sift_down(int *a, int start, int end)
{
    int root = start;
    while (2 * root + 1 <= end) {
        int child = 2 * root + 1, sw = root;
        if (a[sw] < a[child]) sw = child;
        if (child + 1 <= end && a[sw] < a[child + 1]) sw = child + 1;
        if (sw == root) return;
        int t = a[root]; a[root] = a[sw]; a[sw] = t;
        root = sw;
    }
}

static void heap_sort(int *a, int n)
{
    for (int s = (n - 2) / 2; s >= 0; s--)
        sift_down(a, s, n - 1);
    for (int end = n - 1; end > 0; end--) {
        int t = a[end]; a[end] = a[0]; a[0] = t;
        sift_down(a, 0, end - 1);
    }
}

static void merge_sort(int *a, int n)
{
    if (n < 2) return;
    int h = n / 2;
    merge_sort(a, h);
    merge_sort(a + h, n - h);
    int i = 0, j = h, k = 0;
    while (i < h && j < n) tmpbuf[k++] = a[i] <= a[j] ? a[i++] : a[j++];
    while (i < h) tmpbuf[k++] = a[i++];
    while (j < n) tmpbuf[k++] = a[j++];
    memcpy(a, tmpbuf, n * sizeof(int));
}

static void quick_sort(int *a, int lo, int hi)
{
    while (lo < hi) {
        int p = a[lo + (hi - lo) / 2], i = lo, j = hi;
        while (i <= j) {
            while (a[i] < p) i++;
            while (a[j] > p) j--;
            if (i <= j) { int t = a[i]; a[i] = a[j]; a[j] = t; i++; j--; }
        }
        if (j - lo < hi - i) { quick_sort(a, lo, j); lo = i; }
        else { quick_sort(a, i, hi); hi = j; }
    }
}

static void check(const char *name)
{
    int ok = memcmp(work, ref, sizeof(ref)) == 0;
    printf("%-10s %s\n", name, ok ? "ok" : "WRONG");
}

int main(void)
{
    unsigned seed = 2024;
    for (int i = 0; i < N; i++) {
        seed = seed * 1103515245u + 12345u;
        orig[i] = (int)(seed >> 8) % 5000 - 2500;
    }
    memcpy(ref, orig, sizeof(ref));
    qsort(ref, N, sizeof(int), cmp_int);
    printf("qsort first %d %d %d last %d %d\n", ref[0], ref[1], ref[2], ref[N - 2], ref[N - 1]);

    memcpy(work, orig, sizeof(work)); insertion_sort(work, N); check("insertion");
    memcpy(work, orig, sizeof(work)); heap_sort(work, N); check("heap");
    memcpy(work, orig, sizeof(work)); merge_sort(work, N); check("merge");
    memcpy(work, orig, sizeof(work)); quick_sort(work, 0, N - 1); check("quick");

    int found = 0, missing = 0;
    for (int i = 0; i < N; i++)
        found += bsearch(&orig[i], ref, N, sizeof(int), cmp_int) != NULL;
    for (int k = -3000; k < 3000; k += 37) {
        int *p = bsearch(&k, ref, N, sizeof(int), cmp_int);
        if (!p) missing++;
        else if (*p != k) printf("bsearch wrong for %d\n", k);
    }
    printf("bsearch found %d, absent %d\n", found, missing);

    long sum = 0;
    for (int i = 0; i < N; i += 50) {
        printf("%d ", ref[i]);
        sum += (long)ref[i] * i;
    }
    printf("\nsum %ld compares>0 %d\n", sum, cmp_calls > 0);
    return 0;
}
