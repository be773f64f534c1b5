/*
 * recursion: deep and branchy call trees: naive Fibonacci, Ackermann for
 * small arguments, the towers of Hanoi with a move log checksum, mutual
 * recursion, and recursion that passes structs by value.  Stresses call/ret,
 * the return-address stack and TB chaining across calls.
 */
#include <stdio.h>
#include <stdint.h>

static unsigned moves;
static uint32_t move_hash;

static unsigned fib(unsigned n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

static unsigned long ack(unsigned long m, unsigned long n)
{
    if (m == 0) return n + 1;
    if (n == 0) return ack(m - 1, 1);
    return ack(m - 1, ack(m, n - 1));
}

static void hanoi(int n, int from, int to, int via)
{
    if (n == 0) return;
    hanoi(n - 1, from, via, to);
    moves++;
    move_hash = move_hash * 31 + (uint32_t)(from * 3 + to);
    hanoi(n - 1, via, to, from);
}

static int is_odd(unsigned n);
static int is_even(unsigned n) { return n == 0 ? 1 : is_odd(n - 1); }
static int is_odd(unsigned n) { return n == 0 ? 0 : is_even(n - 1); }

struct vec { double x, y; int tag; char name[12]; };

static struct vec walk(struct vec v, int n)
{
    if (n == 0) return v;
    struct vec w = v;
    w.x = v.x * 0.5 + v.y;
    w.y = v.y - v.x * 0.25;
    w.tag = v.tag + n;
    w.name[n % 11] = (char)('a' + n % 26);
    return walk(w, n - 1);
}

static int sum_digits(unsigned long long x) { return x ? (int)(x % 10) + sum_digits(x / 10) : 0; }

int main(void)
{
    for (unsigned n = 0; n <= 25; n += 5)
        printf("fib(%u) = %u\n", n, fib(n));
    for (unsigned long m = 0; m <= 3; m++)
        for (unsigned long n = 0; n <= 4; n++)
            printf("ack(%lu,%lu) = %lu\n", m, n, ack(m, n));
    hanoi(16, 1, 3, 2);
    printf("hanoi(16): %u moves, hash %08x\n", moves, move_hash);
    printf("even(10001) %d odd(7777) %d\n", is_even(10001), is_odd(7777));
    struct vec v = { 1.0, 2.0, 0, "...........", };
    v = walk(v, 40);
    printf("walk: %.6f %.6f %d %s\n", v.x, v.y, v.tag, v.name);
    printf("digits %d\n", sum_digits(1234567890123456789ULL));
    return 0;
}
