// See include/CLinux.h.
#define _GNU_SOURCE
#include <fcntl.h>
#include <spawn.h>
#include <unistd.h>
#include <sys/syscall.h>
#include "CLinux.h"

int xinfang_pipe_cloexec(int fds[2]) { return pipe2(fds, O_CLOEXEC); }

int xinfang_spawn_closefrom(posix_spawn_file_actions_t *actions, int from) {
    return posix_spawn_file_actions_addclosefrom_np(actions, from);
}

int xinfang_pidfd_open(pid_t pid) { return (int)syscall(SYS_pidfd_open, pid, 0); }
