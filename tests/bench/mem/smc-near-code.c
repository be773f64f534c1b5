/*
 * smc-near-code.c: the cost of writing data next to translated code
 * (issue 5, point 10).  A 64 KiB read-write-execute region holds a tiny
 * function (mov $imm, %eax; ret) in its first 4 KiB page and data in the
 * second.  Each iteration calls the function and writes the data page;
 * every 4096th iteration rewrites the function's immediate, which must be
 * seen by the next call.  On a 64 KiB-page host the data write shares a
 * host page with the code: QEMU-style SMC detection drops the code on
 * every data write; 4 KiB-precise detection does not.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#define REGION (64 << 10)
#define ITERATIONS 2000000

static void set_code(uint8_t *code, uint32_t imm)
{
    code[0] = 0xb8;                 /* mov $imm32, %eax */
    memcpy(code + 1, &imm, 4);
    code[5] = 0xc3;                 /* ret */
}

int main(void)
{
    uint8_t *region = mmap(NULL, REGION, PROT_READ | PROT_WRITE | PROT_EXEC,
                           MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    volatile uint32_t *data;
    uint32_t (*fn)(void);
    uint64_t sum = 0;

    if (region == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    data = (volatile uint32_t *)(region + 4096);
    fn = (uint32_t (*)(void))region;
    set_code(region, 0);
    for (uint32_t i = 0; i < ITERATIONS; i++) {
        if (i % 4096 == 0) {
            set_code(region, i);
        }
        sum += fn();
        data[i % 1024] = (uint32_t)sum;
    }
    printf("%llu\n", (unsigned long long)sum);
    return 0;
}
