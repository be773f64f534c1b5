/*
 * c-kernel: the "static C kernel" benchmark workload (issue 7).  A second or
 * so of native compute mixing what emulators find hard in different ways:
 * a sieve (tight loops, conditional jumps), a matrix product (SSE2 doubles),
 * an open-addressing hash table (loads, stores, multiplies), qsort (calls
 * through a pointer, returns) and a switch-dispatched bytecode interpreter
 * (indirect jumps).  Built static with -O2 by tests/bench/hot.sh; prints a
 * checksum so that a wrong result shows.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t rng_state = 12345;
static uint32_t rng(void)
{
    rng_state = rng_state * 1103515245u + 12345u;
    return rng_state >> 8;
}

static unsigned sieve(unsigned n)
{
    unsigned char *composite = calloc(n + 1, 1);
    unsigned count = 0;

    for (unsigned i = 2; i <= n; i++) {
        if (composite[i])
            continue;
        count++;
        for (unsigned long j = (unsigned long)i * i; j <= n; j += i)
            composite[j] = 1;
    }
    free(composite);
    return count;
}

static double matmul(int n)
{
    double *a = malloc(sizeof(double) * n * n), *b = malloc(sizeof(double) * n * n);
    double *c = calloc((size_t)n * n, sizeof(double)), trace = 0;

    for (int i = 0; i < n * n; i++) {
        a[i] = (rng() % 100) / 10.0;
        b[i] = (rng() % 100) / 7.0;
    }
    for (int i = 0; i < n; i++)
        for (int k = 0; k < n; k++)
            for (int j = 0; j < n; j++)
                c[i * n + j] += a[i * n + k] * b[k * n + j];
    for (int i = 0; i < n; i++)
        trace += c[i * n + i];
    free(a);
    free(b);
    free(c);
    return trace;
}

static uint32_t hash_table(unsigned ops)
{
    enum { SLOTS = 1 << 16 };
    uint32_t *keys = calloc(SLOTS, sizeof(uint32_t)), *vals = calloc(SLOTS, sizeof(uint32_t));
    uint32_t sum = 0;

    for (unsigned i = 0; i < ops; i++) {
        uint32_t key = (rng() % 40000) + 1, h = (key * 2654435761u) >> 16;

        while (keys[h] && keys[h] != key)
            h = (h + 1) & (SLOTS - 1);
        keys[h] = key;
        vals[h] += i;
        sum += vals[h];
    }
    free(keys);
    free(vals);
    return sum;
}

static int compare_u32(const void *x, const void *y)
{
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
    return (a > b) - (a < b);
}

static uint32_t sort(unsigned n)
{
    uint32_t *v = malloc(sizeof(uint32_t) * n), sum = 0;

    for (unsigned i = 0; i < n; i++)
        v[i] = rng();
    qsort(v, n, sizeof(uint32_t), compare_u32);
    for (unsigned i = 0; i < n; i += 97)
        sum ^= v[i] + i;
    free(v);
    return sum;
}

/* A stack machine: counts down a loop, adding and xoring as it goes. */
enum { OP_PUSH, OP_ADD, OP_XOR, OP_DUP, OP_SWAP, OP_DEC, OP_JNZ, OP_DROP, OP_HALT };

static uint32_t interpret(uint32_t iterations)
{
    const int program[] = {
        OP_PUSH, 0, OP_PUSH, (int)iterations,   /* acc, counter */
        /* loop (pc 4): */
        OP_SWAP, OP_PUSH, 7, OP_ADD, OP_PUSH, 0x55, OP_XOR, OP_SWAP,
        OP_DEC, OP_DUP, OP_JNZ, 4, OP_DROP, OP_HALT,
    };
    uint32_t stack[16];
    int sp = 0, pc = 0;

    for (;;) {
        int op = program[pc++];
        switch (op) {
        case OP_PUSH: stack[sp++] = program[pc++]; break;
        case OP_ADD: sp--; stack[sp - 1] += stack[sp]; break;
        case OP_XOR: sp--; stack[sp - 1] ^= stack[sp]; break;
        case OP_DUP: stack[sp] = stack[sp - 1]; sp++; break;
        case OP_SWAP: { uint32_t t = stack[sp - 1]; stack[sp - 1] = stack[sp - 2]; stack[sp - 2] = t; } break;
        case OP_DEC: stack[sp - 1]--; break;
        case OP_JNZ: if (stack[--sp]) pc = program[pc]; else pc++; break;
        case OP_DROP: sp--; break;
        case OP_HALT: return stack[sp - 1];
        }
    }
}

int main(void)
{
    printf("sieve %u\n", sieve(20000000));
    printf("matmul %.1f\n", matmul(200));
    printf("hash %u\n", hash_table(4000000));
    printf("sort %u\n", sort(1000000));
    printf("interp %u\n", interpret(3000000));
    return 0;
}
