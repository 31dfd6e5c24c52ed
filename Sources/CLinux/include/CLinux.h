// Linux kernel interfaces that Glibc's Swift module does not export: timerfd (wall-clock timers
// that are cancelled when the clock is set), signalfd and eventfd, for xinfangd's event loop; and
// the two spawn helpers below.
#ifndef XINFANG_CLINUX_H
#define XINFANG_CLINUX_H
#include <sys/timerfd.h>
#include <sys/signalfd.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <poll.h>
#include <signal.h>
#include <time.h>
#include <spawn.h>

// pipe2(O_CLOEXEC), and posix_spawn_file_actions_addclosefrom_np (glibc ≥ 2.34): GNU extensions,
// defined in CLinux.c under _GNU_SOURCE, for the exec notifier's own posix_spawn.
int xinfang_pipe_cloexec(int fds[2]);
int xinfang_spawn_closefrom(posix_spawn_file_actions_t *actions, int from);
#endif
