/* libsysroot: a library that exists only in the sysroot of
   run-check-sysroot.sh, loaded with dlopen by sysroot-paths. */
const char *sysroot_library(void)
{
    return "the sysroot's libsysroot.so";
}
