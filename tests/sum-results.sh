#!/bin/sh
# sum-results.sh FILE: adds up the "passed failed skipped" lines that the test
# runners appended to FILE during "make check", prints the total as the last
# line of the run, and fails if anything failed or nothing ran at all.
f=$1
[ -f "$f" ] || { echo "0 passed, 1 failed (no test runner reported)"; exit 1; }
awk '{ p += $1; f += $2; s += $3 }
     END {
         line = p " passed, " f " failed"
         if (s > 0) line = line ", " s " skipped"
         print line
         exit (f > 0 || p == 0)
     }' "$f"
