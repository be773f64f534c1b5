/*
 * fpu-target.c: the program run-check-gdbstub.sh debugs with fpu.gdb.
 * fp_loaded() is called with known x87, SSE and MXCSR state: 2.5 and pi
 * on the x87 stack, 2.5 in xmm1's low half, MXCSR rounding down with the
 * precision exception masked as usual.  gdb reads them, writes xmm1 and
 * st0, and the exit status says whether the program saw both writes.
 */
static double value = 2.5;
static unsigned int csr = 0x3f80;       /* 0x1f80 with RC = down */
static long long xmm_back;
static double st_back;

__attribute__((noinline)) void fp_loaded(void)
{
    __asm__ volatile("" ::: "memory");
}

int main(void)
{
    __asm__ volatile("ldmxcsr %2\n\t"
                     "fldl %3\n\t"
                     "fldpi\n\t"
                     "movsd %3, %%xmm1\n\t"
                     "call fp_loaded\n\t"
                     "movq %%xmm1, %0\n\t"
                     "fstpl %1\n\t"
                     "fstp %%st(0)"
                     : "=m"(xmm_back), "=m"(st_back)
                     : "m"(csr), "m"(value)
                     : "xmm1", "memory");
    return (xmm_back == 42 ? 4 : 0) | (st_back == 1.0 ? 2 : 0) | 1;
}
