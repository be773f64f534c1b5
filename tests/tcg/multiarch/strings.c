/*
 * strings: the libc string and memory functions over many lengths and
 * alignments.  glibc picks SSE2/AVX2 variants of these by CPUID, so they
 * reach the wide vector loads, page-crossing tails and bsf-based end
 * searches.  Each result is checked against a plain byte loop.
 */
#include <stdio.h>
#include <string.h>
#include <stdint.h>

static unsigned char bufa[4096 + 64], bufb[4096 + 64];
static int errors;

static void check(int ok, const char *what, int len, int align)
{
    if (!ok) {
        printf("MISMATCH %s len %d align %d\n", what, len, align);
        errors++;
    }
}

static size_t ref_strlen(const char *s) { size_t n = 0; while (s[n]) n++; return n; }

static int sign(int x) { return (x > 0) - (x < 0); }

static int ref_memcmp(const unsigned char *a, const unsigned char *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (a[i] != b[i])
            return a[i] < b[i] ? -1 : 1;
    return 0;
}

int main(void)
{
    static const int lens[] = { 0, 1, 2, 3, 4, 7, 8, 15, 16, 17, 31, 32, 33, 63, 64,
                                65, 127, 128, 255, 256, 1000, 4000 };
    unsigned long total = 0;

    for (unsigned li = 0; li < sizeof(lens) / sizeof(lens[0]); li++) {
        int len = lens[li];
        for (int al = 0; al < 16; al += 3) {
            char *s = (char *)bufa + al;
            for (int i = 0; i < len; i++)
                s[i] = (char)('a' + (i * 7 + al) % 26);
            s[len] = 0;

            check(strlen(s) == ref_strlen(s), "strlen", len, al);
            char *d = (char *)bufb + (al * 5) % 16;
            check(strcpy(d, s) == d && strcmp(d, s) == 0, "strcpy/strcmp", len, al);
            check(memcmp(d, s, len + 1) == 0, "memcmp", len, al);
            if (len > 0) {
                d[len - 1] = 'A';
                check(sign(strcmp(d, s)) == -1 && sign(memcmp(d, s, len)) == -1, "cmp<", len, al);
                check(sign(strncmp(s, d, len)) == 1, "strncmp>", len, al);
                check(strncmp(s, d, len - 1) == 0, "strncmp=", len, al);
                d[len - 1] = s[len - 1];
                s[len / 2] = 'Z';
                check(strchr(s, 'Z') == s + len / 2, "strchr", len, al);
                check(strrchr(s, s[0]) >= s, "strrchr", len, al);
                check(memchr(s, 'Z', len) == s + len / 2, "memchr", len, al);
                s[len / 2] = (char)('a' + ((len / 2) * 7 + al) % 26);
            }
            check(strchr(s, '#') == NULL, "strchr-miss", len, al);
            check(strchr(s, 0) == s + len, "strchr-nul", len, al);

            memset(d, 0x5a, len);
            int ok = 1;
            for (int i = 0; i < len; i++)
                ok &= (unsigned char)d[i] == 0x5a;
            check(ok, "memset", len, al);

            memcpy(d, s, len);
            check(ref_memcmp((unsigned char *)d, (unsigned char *)s, len) == 0, "memcpy", len, al);

            /* Overlapping moves both ways. */
            memcpy(bufb, bufa, sizeof(bufa));
            memmove(bufa + al + 5, bufa + al, len);
            check(ref_memcmp(bufa + al + 5, bufb + al, len) == 0, "memmove-up", len, al);
            memcpy(bufb, bufa, sizeof(bufa));
            memmove(bufa + al, bufa + al + 3, len);
            check(ref_memcmp(bufa + al, bufb + al + 3, len) == 0, "memmove-down", len, al);
            total += len + al;
        }
    }

    const char *hay = "the quick brown fox jumps over the lazy dog";
    printf("strstr: %s|%s|%p\n", strstr(hay, "fox"), strstr(hay, "the lazy"), (void *)strstr(hay, "cat"));
    printf("strrchr: %s\n", strrchr(hay, 'o'));
    printf("strspn %zu strcspn %zu strpbrk %s\n", strspn(hay, "the "), strcspn(hay, "xyz"),
           strpbrk(hay, "jz"));
    char tok[64];
    strcpy(tok, "a,b,,c;d");
    for (char *save, *t = strtok_r(tok, ",;", &save); t; t = strtok_r(NULL, ",;", &save))
        printf("tok[%s] ", t);
    putchar('\n');
    char cat[64] = "abc";
    strcat(cat, "def");
    strncat(cat, "ghijkl", 3);
    printf("strcat %s %zu\n", cat, strlen(cat));
    printf("strcasecmp %d %d\n", sign(strcasecmp("HeLLo", "hello")), sign(strcasecmp("abc", "ABD")));
    char *dup = strdup(hay);
    printf("strdup %s %d\n", dup, strcmp(dup, hay));
    printf("strnlen %zu %zu\n", strnlen(hay, 10), strnlen(hay, 100));

    printf("total %lu errors %d\n", total, errors);
    return errors ? 1 : 0;
}
