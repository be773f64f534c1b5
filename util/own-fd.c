/*
 * own-fd.c: the set of the emulator's own descriptors (qemu/own-fd.h).
 * Few (a log, a socket, one per window), so a sorted array will do.
 */
#include "qemu/osdep.h"
#include <fcntl.h>
#include <pthread.h>
#include <glib.h>
#include "qemu/own-fd.h"

static pthread_mutex_t own_lock = PTHREAD_MUTEX_INITIALIZER;
static GArray *own;     /* of int, ascending */

void own_fd_add(int fd)
{
    guint i = 0;

    if (fd < 0) {
        return;
    }
    pthread_mutex_lock(&own_lock);
    if (!own) {
        own = g_array_new(false, false, sizeof(int));
    }
    while (i < own->len && g_array_index(own, int, i) < fd) {
        i++;
    }
    if (i == own->len || g_array_index(own, int, i) != fd) {
        g_array_insert_val(own, i, fd);
    }
    pthread_mutex_unlock(&own_lock);
}

int own_fd_take(int fd)
{
    int high = fd < 0 ? -1 : fcntl(fd, F_DUPFD_CLOEXEC, OWN_FD_MIN);

    if (high >= 0) {
        close(fd);
        fd = high;
    }
    own_fd_add(fd);
    return fd;
}

void own_fd_remove(int fd)
{
    pthread_mutex_lock(&own_lock);
    for (guint i = 0; own && i < own->len; i++) {
        if (g_array_index(own, int, i) == fd) {
            g_array_remove_index(own, i);
            break;
        }
    }
    pthread_mutex_unlock(&own_lock);
}

int own_fd_first_in(unsigned first, unsigned last)
{
    int found = -1;

    pthread_mutex_lock(&own_lock);
    for (guint i = 0; own && i < own->len && found < 0; i++) {
        unsigned fd = g_array_index(own, int, i);

        if (fd >= first && fd <= last) {
            found = fd;
        }
    }
    pthread_mutex_unlock(&own_lock);
    return found;
}

bool own_fd_is(int fd)
{
    return fd >= 0 && own_fd_first_in(fd, fd) == fd;
}
