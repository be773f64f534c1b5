/*
 * gdb-target.c: the program tests/gdbstub/run-check-gdbstub.sh debugs.
 * bump() is where gdb stops: its argument and the global it changes are
 * what gdb reads; the exit status says that gdb's write to the global
 * reached the guest.  With an argument it dies of SIGSEGV instead, for
 * the signal gdb must be told of.
 */
volatile int counter = 41;

__attribute__((noinline)) int bump(int by)
{
    counter += by;
    return counter;
}

int main(int argc, char **argv)
{
    if (argc > 1) {
        *(volatile int *)(long)counter = 0;
    }
    return bump(1) == 42 ? 7 : 3;
}
