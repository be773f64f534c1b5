/*
 * syscall_socket.h: what the socket slice (syscall_socket.c) takes from
 * syscall_sockmsg.c, the message calls whose msghdr, iovecs and control
 * messages are converted between guest and host layouts.
 */
#ifndef LINUX_USER_SYSCALL_SOCKET_H
#define LINUX_USER_SYSCALL_SOCKET_H

#include "syscall_impl.h"

SyscallFn sys_sendmsg, sys_recvmsg, sys_sendmmsg, sys_recvmmsg,
          sys_recvmmsg_time64;

#endif
