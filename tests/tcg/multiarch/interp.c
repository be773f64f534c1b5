/*
 * interp: a small stack-machine interpreter running three bytecode
 * programs (a counting loop, iterative factorial mod a prime, and gcd by
 * subtraction).  Its dispatch is one indirect jump per bytecode through
 * computed gotos, the pattern that stresses TB lookup the most.
 */
#include <stdio.h>
#include <stdint.h>

enum { PUSH, DUP, SWAP, OVER, DROP, ADD, SUB, MUL, MOD, JZ, JMP, JNZ, LT, PRINT, HALT };

static long long run(const int *code, unsigned long *steps)
{
    static const void *dispatch[] = { &&op_push, &&op_dup, &&op_swap, &&op_over, &&op_drop, &&op_add,
                                      &&op_sub, &&op_mul, &&op_mod, &&op_jz, &&op_jmp, &&op_jnz,
                                      &&op_lt, &&op_print, &&op_halt };
    long long stack[64];
    int sp = 0;
    const int *pc = code;
    unsigned long n = 0;
#define NEXT do { n++; goto *dispatch[*pc++]; } while (0)
    NEXT;
op_push:  stack[sp++] = *pc++; NEXT;
op_dup:   stack[sp] = stack[sp - 1]; sp++; NEXT;
op_swap:  { long long t = stack[sp - 1]; stack[sp - 1] = stack[sp - 2]; stack[sp - 2] = t; } NEXT;
op_over:  stack[sp] = stack[sp - 2]; sp++; NEXT;
op_drop:  sp--; NEXT;
op_add:   sp--; stack[sp - 1] += stack[sp]; NEXT;
op_sub:   sp--; stack[sp - 1] -= stack[sp]; NEXT;
op_mul:   sp--; stack[sp - 1] *= stack[sp]; NEXT;
op_mod:   sp--; stack[sp - 1] %= stack[sp]; NEXT;
op_jz:    sp--; if (stack[sp] == 0) pc = code + *pc; else pc++; NEXT;
op_jnz:   sp--; if (stack[sp] != 0) pc = code + *pc; else pc++; NEXT;
op_jmp:   pc = code + *pc; NEXT;
op_lt:    sp--; stack[sp - 1] = stack[sp - 1] < stack[sp]; NEXT;
op_print: printf("  out %lld\n", stack[sp - 1]); NEXT;
op_halt:  *steps = n;
    return sp ? stack[sp - 1] : 0;
#undef NEXT
}

int main(void)
{
    /* sum = 0; for (i = 100000; i; i--) sum += i;   stack: sum i */
    static const int sum_loop[] = {
        PUSH, 0, PUSH, 100000,
        DUP, JZ, 16,                    /*  4: i == 0 -> 16 */
        SWAP, OVER, ADD, SWAP,          /*  7: sum+i i */
        PUSH, 1, SUB, JMP, 4,           /* 11: i-1, loop */
        DROP, PRINT, HALT,              /* 16 */
    };
    /* f = 1; for (i = 1; i < 5000; i++) f = f * i % 1000003;   stack: f i */
    static const int fact[] = {
        PUSH, 1, PUSH, 1,
        DUP, PUSH, 5000, LT, JZ, 26,    /*  4: i >= 5000 -> 26 */
        SWAP, OVER, MUL,                /* 10: i f*i */
        PUSH, 1000003, MOD, SWAP,       /* 13: f' i */
        PUSH, 1, ADD, JMP, 4,           /* 17: i+1, loop */
        HALT, HALT, HALT, HALT,         /* 22: never reached */
        DROP, PRINT, HALT,              /* 26 */
    };
    /* gcd(1071 * 97, 462 * 97) by repeated subtraction;   stack: a b */
    static const int gcd[] = {
        PUSH, 103887, PUSH, 44814,
        DUP, JZ, 20,                    /*  4: b == 0 -> 20 */
        OVER, OVER, LT, JZ, 13,         /*  7: a >= b -> 13 */
        SWAP,                           /* 12: now x >= y */
        SWAP, OVER, SUB, JMP, 4,        /* 13: y x-y, loop */
        HALT, HALT,                     /* 18: never reached */
        DROP, PRINT, HALT,              /* 20 */
    };
    unsigned long steps;
    long long r;

    r = run(sum_loop, &steps);
    printf("sum_loop -> %lld in %lu steps\n", r, steps);
    r = run(fact, &steps);
    printf("fact -> %lld in %lu steps\n", r, steps);
    r = run(gcd, &steps);
    printf("gcd -> %lld in %lu steps\n", r, steps);
    return 0;
}
