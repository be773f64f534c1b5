#!/usr/bin/env python3
"""interrupt.py PORT: gdb's Ctrl-C, spoken in the remote protocol by hand
(gdb in batch mode cannot type it).  The guest (thread-target spin: two
threads spin, main waits for them) is resumed, and the interrupt byte
(0x03) sent while it runs must stop it with SIGINT (gdb's number 2) in a
thread the stub lists, with every thread's registers then frozen; twice,
then the guest is killed.  Prints one line per check, and FAIL
lines for what went wrong; exit status 1 on any failure."""
import socket
import sys
import time

TIMEOUT = 10


class Remote:
    def __init__(self, port):
        deadline = time.time() + TIMEOUT
        while True:
            try:
                self.sock = socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT)
                break
            except OSError:
                if time.time() > deadline:
                    raise
                time.sleep(0.1)
        self.buf = b""

    def send(self, payload):
        data = payload.encode()
        self.sock.sendall(b"$%s#%02x" % (data, sum(data) & 0xff))

    def packet(self):
        """The next packet's payload, acked; acks before it are skipped."""
        while True:
            start = self.buf.find(b"$")
            end = self.buf.find(b"#", start) if start >= 0 else -1
            if start >= 0 and end >= 0 and len(self.buf) >= end + 3:
                payload = self.buf[start + 1:end]
                self.buf = self.buf[end + 3:]
                self.sock.sendall(b"+")
                return payload.decode()
            chunk = self.sock.recv(4096)
            if not chunk:
                raise EOFError("the stub closed the connection")
            self.buf += chunk

    def ask(self, payload):
        self.send(payload)
        return self.packet()


def main():
    failures = 0

    def check(what, ok, detail):
        nonlocal failures
        print("%s %s" % ("ok" if ok else "FAIL", what) + ("" if ok else ": " + detail))
        failures += not ok

    try:
        gdb = Remote(int(sys.argv[1]))
        talk(gdb, check)
    except (OSError, EOFError) as e:
        check("the conversation", False, str(e))
    return 1 if failures else 0


def talk(gdb, check):
    gdb.ask("qSupported:multiprocess-;swbreak+")
    first = gdb.ask("?")
    check("stopped before the first insn", first.startswith("T05"), first)
    for round in (1, 2):
        gdb.send("vCont;c")
        time.sleep(0.5)
        gdb.sock.sendall(b"\x03")
        stop = gdb.packet()
        check("interrupt %d stops with SIGINT" % round, stop.startswith("T02"), stop)
        tid = stop.partition("thread:")[2].partition(";")[0]
        threads = gdb.ask("qfThreadInfo")[1:].split(",")
        check("interrupt %d names a listed thread" % round, tid in threads,
              "%r not in %r" % (tid, threads))
        check("interrupt %d finds three threads" % round, len(threads) == 3, repr(threads))
        before = [gdb.ask("Hg" + t) + gdb.ask("g") for t in threads]
        time.sleep(0.2)
        after = [gdb.ask("Hg" + t) + gdb.ask("g") for t in threads]
        check("interrupt %d leaves every thread stopped" % round, before == after,
              "registers changed while stopped")
    gdb.send("k")


if __name__ == "__main__":
    sys.exit(main())
