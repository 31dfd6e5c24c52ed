// Linux kernel interfaces that Glibc's Swift module does not export: timerfd (wall-clock timers
// that are cancelled when the clock is set), signalfd and eventfd, for xinfangd's event loop; and
// the spawn helpers below.
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
// pidfd_open(2) (Linux ≥ 5.3) through syscall(2): a descriptor that polls readable when the process
// ends, so the exec notifier sleeps in poll(2) until its child exits instead of checking on a tick.
int xinfang_pidfd_open(pid_t pid);
#endif
