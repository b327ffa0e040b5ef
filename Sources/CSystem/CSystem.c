#define _GNU_SOURCE
#include "CSystem.h"
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#ifdef __linux__
int casebook_accept(int listener) {
    return accept4(listener, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
}

int casebook_pipe(int ends[2]) {
    return pipe2(ends, O_NONBLOCK | O_CLOEXEC);
}
#else
/* Elsewhere the flags are set right after: Casebook starts no programs while it serves. */
static void prepare(int descriptor) {
    fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK);
    fcntl(descriptor, F_SETFD, FD_CLOEXEC);
}

int casebook_accept(int listener) {
    int connection = accept(listener, NULL, NULL);
    if (connection >= 0) prepare(connection);
    return connection;
}

int casebook_pipe(int ends[2]) {
    if (pipe(ends) != 0) return -1;
    prepare(ends[0]);
    prepare(ends[1]);
    return 0;
}
#endif
